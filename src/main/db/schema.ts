/**
 * Kysely table types, kept by hand next to the migrations that create the tables.
 * Booleans are 0/1 integers and money is integer minor units, exactly as stored.
 */
import type { Generated } from 'kysely';

export interface BusinessProfileTable {
  id: number;
  name: string;
  address_line1: string;
  address_line2: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
  email: string;
  phone: string;
  website: string;
  tax_number: string;
  logo: Buffer | null;
  logo_mime: string | null;
  setup_completed_at: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface NumberSeriesTable {
  doc_type: 'invoice' | 'quote' | 'credit_note';
  prefix: string;
  include_year: number;
  padding: number;
  next_number: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  entity: string;
  entity_id: string;
  action: string;
  changes: string;
  user: string;
}

export interface DB {
  business_profile: BusinessProfileTable;
  settings: SettingsTable;
  number_series: NumberSeriesTable;
  audit_log: AuditLogTable;
}

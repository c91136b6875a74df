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

// Payables (migration "payables").

export interface ExpenseCategoriesTable {
  id: Generated<number>;
  name: string;
  archived: Generated<number>;
  created_at: string;
}

export interface VendorsTable {
  id: Generated<number>;
  name: string;
  contact_name: string;
  email: string;
  phone: string;
  address_line1: string;
  address_line2: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
  tax_number: string;
  currency: string;
  default_category_id: number | null;
  /** JSON PaymentTerms. */
  payment_terms: string;
  discount_bp: number | null;
  discount_days: number | null;
  bank_details: string;
  bank_details_changed_at: string | null;
  notes: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PurchaseOrdersTable {
  id: Generated<number>;
  number: string;
  vendor_id: number;
  order_date: string;
  currency: string;
  total: number;
  tolerance_bp: number;
  status: 'open' | 'closed';
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface PurchaseOrderLinesTable {
  id: Generated<number>;
  purchase_order_id: number;
  position: number;
  description: string;
  category_id: number | null;
  quantity_milli: number;
  unit_price: number;
  amount: number;
}

export interface RecurringBillsTable {
  id: Generated<number>;
  vendor_id: number;
  name: string;
  frequency: 'weekly' | 'monthly' | 'quarterly' | 'yearly';
  every: number;
  /** 1-31, -1 for the last day, null for the start date's day. */
  day_of_month: number | null;
  start_date: string;
  end_date: string | null;
  max_count: number | null;
  /** JSON RecurringTemplate. */
  template: string;
  create_as: 'draft' | 'awaiting_payment';
  next_index: Generated<number>;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

export type BillStatusColumn = 'draft' | 'awaiting_payment' | 'partially_paid' | 'paid' | 'void';

export interface BillsTable {
  id: Generated<number>;
  vendor_id: number;
  vendor_invoice_number: string;
  invoice_key: string;
  bill_date: string;
  due_date: string;
  currency: string;
  subtotal: number;
  tax: number;
  total: number;
  paid: Generated<number>;
  discount_taken: Generated<number>;
  balance: number;
  status: BillStatusColumn;
  discount_bp: number | null;
  discount_days: number | null;
  purchase_order_id: number | null;
  recurring_id: number | null;
  recurring_index: number | null;
  bank_details: string;
  notes: string;
  source: 'manual' | 'recurring' | 'import';
  void_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface BillLinesTable {
  id: Generated<number>;
  bill_id: number;
  position: number;
  description: string;
  item_key: string;
  category_id: number | null;
  quantity_milli: number;
  unit_price: number;
  amount: number;
  tax: number;
  purchase_order_line_id: number | null;
  vendor_id: number;
  bill_date: string;
}

export interface BillAttachmentsTable {
  id: Generated<number>;
  bill_id: number;
  sha256: string;
  file_name: string;
  mime_type: 'application/pdf' | 'image/png' | 'image/jpeg';
  bytes: number;
  created_at: string;
}

export interface BillWarningsTable {
  id: Generated<number>;
  bill_id: number;
  kind:
    | 'duplicate_number'
    | 'duplicate_amount'
    | 'duplicate_attachment'
    | 'po_total_over'
    | 'po_price_over'
    | 'price_above_last'
    | 'bank_details_changed';
  fingerprint: string;
  message: string;
  related_bill_id: number | null;
  created_at: string;
  dismissed_at: string | null;
  dismissed_by: string | null;
  dismiss_reason: string | null;
}

export interface BillPaymentsTable {
  id: Generated<number>;
  vendor_id: number;
  payment_date: string;
  currency: string;
  amount: number;
  method: 'bank_transfer' | 'card' | 'direct_debit' | 'cheque' | 'cash' | 'other';
  reference: string;
  notes: string;
  run_id: string | null;
  created_at: string;
}

export interface BillPaymentAllocationsTable {
  payment_id: number;
  bill_id: number;
  amount: number;
  discount: number;
}

export interface BillTotalsTable {
  status: BillStatusColumn;
  currency: string;
  bills: number;
  total: number;
  balance: number;
}

export interface BillRemindersTable {
  bill_id: number;
  snoozed_until: string | null;
  notified_on: string | null;
}

export interface DB {
  business_profile: BusinessProfileTable;
  settings: SettingsTable;
  number_series: NumberSeriesTable;
  audit_log: AuditLogTable;
  expense_categories: ExpenseCategoriesTable;
  vendors: VendorsTable;
  purchase_orders: PurchaseOrdersTable;
  purchase_order_lines: PurchaseOrderLinesTable;
  recurring_bills: RecurringBillsTable;
  bills: BillsTable;
  bill_lines: BillLinesTable;
  bill_attachments: BillAttachmentsTable;
  bill_warnings: BillWarningsTable;
  bill_payments: BillPaymentsTable;
  bill_payment_allocations: BillPaymentAllocationsTable;
  bill_reminders: BillRemindersTable;
  bill_totals: BillTotalsTable;
}

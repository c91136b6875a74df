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
  vat_id: string;
  legal_registration: string;
  eaddress: string;
  eaddress_scheme: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
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
  exchange_rate: string;
  subtotal: number;
  tax: number;
  total: number;
  paid: Generated<number>;
  discount_taken: Generated<number>;
  balance: number;
  total_base: number;
  balance_base: number;
  settled_on: string | null;
  /** Paid in advance per the vendor's e-invoice (BT-113 net of BT-114), deducted from the balance. */
  prepaid: Generated<number>;
  /** Vendor credits applied to the bill (vendor_credit_applications), kept by refreshBill. */
  credited: Generated<number>;
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
  mime_type: 'application/pdf' | 'image/png' | 'image/jpeg' | 'application/xml';
  bytes: number;
  created_at: string;
}

// --- E-invoices in (migration 0013) ---

export interface VendorCreditsTable {
  id: Generated<number>;
  vendor_id: number;
  vendor_credit_number: string;
  credit_date: string;
  currency: string;
  subtotal: number;
  tax: number;
  total: number;
  invoice_reference: string;
  bill_id: number | null;
  notes: string;
  created_at: string;
}

export interface VendorCreditApplicationsTable {
  id: Generated<number>;
  vendor_credit_id: number;
  bill_id: number;
  amount: number;
  applied_on: string;
  created_at: string;
}

export interface EInvoicesTable {
  id: Generated<number>;
  bill_id: number | null;
  vendor_credit_id: number | null;
  file_name: string;
  file_sha256: string;
  container: 'xml' | 'pdf';
  syntax: 'UBL' | 'CII';
  data: string;
  findings: string;
  payable: number;
  imported_at: string;
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
  exchange_rate: string;
  amount_base: number;
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
  vendor_credits: VendorCreditsTable;
  vendor_credit_applications: VendorCreditApplicationsTable;
  einvoices: EInvoicesTable;
  bill_warnings: BillWarningsTable;
  bill_payments: BillPaymentsTable;
  bill_payment_allocations: BillPaymentAllocationsTable;
  bill_reminders: BillRemindersTable;
  bill_totals: BillTotalsTable;
}

// --- Receivables (migration 0002) ---

export interface TaxesTable {
  id: Generated<number>;
  name: string;
  percent: string;
  compound: number;
  kind: 'standard' | 'zero_rated' | 'exempt';
  reason: string;
  archived_at: string | null;
  created_at: string;
  /** EN 16931 VAT category (migration 0012). */
  vat_category: VatCategoryColumn;
  vatex_code: string;
}

export type VatCategoryColumn = 'S' | 'Z' | 'E' | 'AE' | 'K' | 'G' | 'O' | 'L' | 'M';

export interface CustomersTable {
  id: Generated<number>;
  name: string;
  contact_person: string;
  phone: string;
  billing_address: string;
  shipping_address: string;
  tax_number: string;
  currency: string;
  payment_terms: string;
  default_tax_id: number | null;
  notes: string;
  archived_at: string | null;
  /** Kept by triggers: the sum of balance_base over the customer's open invoices. */
  open_balance_base: Generated<number>;
  created_at: string;
  updated_at: string;
  eaddress: string;
  eaddress_scheme: string;
  buyer_reference: string;
  /** '' = none (migration 0012). */
  einvoice_format: string;
  /** The customer's document language; null: the business's. */
  document_language: Generated<string | null>;
}

export interface CustomerEmailsTable {
  id: Generated<number>;
  customer_id: number;
  position: number;
  email: string;
  billing: number;
}

export interface ItemsTable {
  id: Generated<number>;
  name: string;
  description: string;
  unit: string;
  unit_price: number;
  tax_ids: string;
  sku: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export type DocumentTypeColumn = 'invoice' | 'quote' | 'credit_note';
export type DocumentStatusColumn =
  'draft' | 'issued' | 'partially_paid' | 'paid' | 'sent' | 'accepted' | 'declined' | 'applied' | 'void';

export interface DocumentsTable {
  id: Generated<number>;
  type: DocumentTypeColumn;
  status: DocumentStatusColumn;
  number: string | null;
  number_counter: number | null;
  customer_id: number;
  customer_name: string;
  customer_snapshot: string;
  issue_date: string;
  due_date: string | null;
  due: string;
  currency: string;
  exchange_rate: string;
  prices_include_tax: number;
  tax_rounding: 'line' | 'category';
  discount: string | null;
  shipping: number;
  shipping_tax_ids: string;
  reference: string;
  notes: string;
  terms: string;
  footer: string;
  subtotal: number;
  discount_amount: number;
  net: number;
  tax: number;
  total: number;
  total_base: number;
  paid: number;
  credited: number;
  balance: number;
  balance_base: number;
  settled_on: string | null;
  related_id: number | null;
  recurring_id: number | null;
  void_reason: string | null;
  voided_at: string | null;
  issued_at: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
  buyer_reference: string;
  /** Delivery date, or the start of the service period when delivery_end is set (0012). */
  delivery_date: string | null;
  delivery_end: string | null;
}

export interface DocumentLinesTable {
  id: Generated<number>;
  document_id: number;
  position: number;
  kind: 'item' | 'heading' | 'note';
  item_id: number | null;
  description: string;
  quantity: string;
  unit: string;
  unit_price: number;
  discount: string | null;
  tax_ids: string;
  exemption_reason: string;
  amount: number;
  net: number;
  tax: number;
  total: number;
}

export interface DocumentTaxesTable {
  document_id: number;
  tax_id: number;
  name: string;
  percent: string;
  compound: number;
  base: number;
  amount: number;
  vat_category: VatCategoryColumn;
  vatex_code: string;
  reason: string;
}

export interface DocumentSummaryTable {
  type: DocumentTypeColumn;
  status: DocumentStatusColumn;
  currency: string;
  count: number;
  total: number;
  balance: number;
  total_base: number;
  balance_base: number;
}

export interface PaymentsTable {
  id: Generated<number>;
  customer_id: number;
  date: string;
  amount: number;
  currency: string;
  exchange_rate: string;
  amount_base: number;
  method: 'bank_transfer' | 'card' | 'cash' | 'cheque' | 'other';
  reference: string;
  notes: string;
  unapplied: number;
  undone_at: string | null;
  undo_reason: string | null;
  created_at: string;
}

export interface AllocationsTable {
  id: Generated<number>;
  invoice_id: number;
  payment_id: number | null;
  credit_note_id: number | null;
  date: string;
  amount: number;
  undone_at: string | null;
}

export interface CustomerPaymentStatsTable {
  customer_id: number;
  settled_count: number;
  days_late_sum: number;
}

export interface RecurringInvoicesTable {
  id: Generated<number>;
  name: string;
  customer_id: number;
  template: string;
  schedule: string;
  mode: 'draft' | 'issue';
  next_index: number;
  paused_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RecurringOccurrencesTable {
  recurring_id: number;
  occurrence_index: number;
  occurrence_date: string;
  document_id: number | null;
}

export interface DB {
  taxes: TaxesTable;
  customers: CustomersTable;
  customer_emails: CustomerEmailsTable;
  items: ItemsTable;
  documents: DocumentsTable;
  document_lines: DocumentLinesTable;
  document_taxes: DocumentTaxesTable;
  document_summary: DocumentSummaryTable;
  payments: PaymentsTable;
  allocations: AllocationsTable;
  recurring_invoices: RecurringInvoicesTable;
  recurring_occurrences: RecurringOccurrencesTable;
  customer_payment_stats: CustomerPaymentStatsTable;
}

// --- Reports: collections (migration 0004) ---

export interface CollectionsTable {
  customer_id: number;
  flagged: number;
  promise_date: string | null;
  promise_amount: number | null;
  promise_note: string;
  updated_at: string;
}

export interface CollectionNotesTable {
  id: Generated<number>;
  customer_id: number;
  at: string;
  kind: 'call' | 'note' | 'promise';
  text: string;
  user: string;
}

export interface DB {
  collections: CollectionsTable;
  collection_notes: CollectionNotesTable;
}

// --- Documents and mail (migration 0005) ---

export type OutboxKindColumn = 'invoice' | 'quote' | 'credit_note' | 'receipt' | 'statement' | 'reminder';
export type OutboxStatusColumn = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface OutboxTable {
  id: Generated<number>;
  kind: OutboxKindColumn;
  document_id: number | null;
  payment_id: number | null;
  customer_id: number | null;
  about: string;
  from_address: string;
  reply_to: string;
  to_addresses: string;
  cc_addresses: string;
  bcc_addresses: string;
  subject: string;
  body: string;
  message_id: string;
  status: OutboxStatusColumn;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  failure_kind: string | null;
  server_response: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface OutboxAttachmentsTable {
  outbox_id: number;
  position: number;
  file_name: string;
  content_type: string;
  content: Buffer;
}

export interface InvoiceRemindersTable {
  id: Generated<number>;
  document_id: number;
  level: number;
  status: 'proposed' | 'queued' | 'sent' | 'failed' | 'dismissed';
  days_overdue: number;
  proposed_at: string;
  decided_at: string | null;
  outbox_id: number | null;
  sent_at: string | null;
}

export interface DB {
  outbox: OutboxTable;
  outbox_attachments: OutboxAttachmentsTable;
  invoice_reminders: InvoiceRemindersTable;
}

// Bank (migration "bank"): accounts, statement imports and lines, matches, rules.

export interface CustomersTable {
  iban: Generated<string>;
  bic: Generated<string>;
}

export interface VendorsTable {
  iban: Generated<string>;
  bic: Generated<string>;
}

export interface BankAccountsTable {
  id: Generated<number>;
  name: string;
  iban: string;
  account_number: string;
  bic: string;
  currency: string;
  opening_balance: number;
  opening_date: string;
  csv_mapping: string | null;
  reconciled_to: string | null;
  archived_at: string | null;
  created_at: string;
}

export interface BankImportsTable {
  id: Generated<number>;
  account_id: number;
  file_name: string;
  format: string;
  imported_at: string;
  lines_added: number;
  lines_skipped: number;
  opening_balance: number | null;
  opening_date: string | null;
  closing_balance: number | null;
  closing_date: string | null;
}

export interface BankLinesTable {
  id: Generated<number>;
  account_id: number;
  import_id: number;
  booking_date: string;
  value_date: string | null;
  amount: number;
  currency: string;
  counterparty_name: string;
  counterparty_iban: string;
  counterparty_bic: string;
  reference: string;
  text: string;
  bank_ref: string | null;
  fingerprint: string;
  status: 'open' | 'matched' | 'categorized';
  category: string | null;
  note: string;
}

export interface BankMatchesTable {
  id: Generated<number>;
  line_id: number;
  payment_id: number | null;
  bill_payment_id: number | null;
  created_at: string;
  undone_at: string | null;
}

export interface BankRulesTable {
  id: Generated<number>;
  kind: 'iban' | 'name';
  pattern: string;
  customer_id: number | null;
  vendor_id: number | null;
  uses: Generated<number>;
  created_at: string;
}

export interface DB {
  bank_accounts: BankAccountsTable;
  bank_imports: BankImportsTable;
  bank_lines: BankLinesTable;
  bank_matches: BankMatchesTable;
  bank_rules: BankRulesTable;
}

// Edit versions (migration "edit-versions"): a save over a newer version is refused.

export interface CustomersTable {
  version: Generated<number>;
  updated_by: Generated<string>;
}

export interface DocumentsTable {
  version: Generated<number>;
  updated_by: Generated<string>;
}

// More edit versions (migration "more-edit-versions"): vendors, items, bills, templates, orders.

export interface VendorsTable {
  version: Generated<number>;
  updated_by: Generated<string>;
}

export interface ItemsTable {
  version: Generated<number>;
  updated_by: Generated<string>;
}

export interface BillsTable {
  version: Generated<number>;
  updated_by: Generated<string>;
}

export interface RecurringInvoicesTable {
  version: Generated<number>;
  updated_by: Generated<string>;
}

export interface RecurringBillsTable {
  version: Generated<number>;
  updated_by: Generated<string>;
}

export interface PurchaseOrdersTable {
  version: Generated<number>;
  updated_by: Generated<string>;
}

// Edit versions for tax rates, expense categories and bank accounts (migration
// "edit-versions-settings"); `updated_at` is new to these tables too.

export interface TaxesTable {
  version: Generated<number>;
  updated_by: Generated<string>;
  updated_at: Generated<string>;
}

export interface ExpenseCategoriesTable {
  version: Generated<number>;
  updated_by: Generated<string>;
  updated_at: Generated<string>;
}

export interface BankAccountsTable {
  version: Generated<number>;
  updated_by: Generated<string>;
  updated_at: Generated<string>;
}

/**
 * An incoming e-invoice as the file says it, syntax-neutral (EN 16931 business terms). Every
 * amount, quantity and rate is the decimal text of the file, never a float: the bill is made
 * from these with exact arithmetic, and the readable view shows them as written.
 */
export type EInvoiceSyntax = 'UBL' | 'CII';
export type EInvoiceContainer = 'xml' | 'pdf';

export interface EAddress {
  lines: string[];
  city: string;
  postalCode: string;
  region: string;
  /** ISO 3166-1 alpha-2 (BT-40/BT-55). */
  country: string;
}

export interface EParty {
  name: string;
  tradingName: string;
  /** BT-31 / BT-48: VAT identifier, with its country prefix. */
  vatId: string;
  /** BT-32: tax registration (not VAT). */
  taxRegistrationId: string;
  /** BT-30 / BT-47: legal registration. */
  legalId: string;
  /** BT-29 / BT-46 identifiers. */
  ids: string[];
  /** BT-34 / BT-49 with its scheme (EAS). */
  electronicAddress: { scheme: string; value: string } | null;
  address: EAddress | null;
  contact: { name: string; phone: string; email: string } | null;
}

export interface EAllowanceCharge {
  charge: boolean;
  amount: string;
  baseAmount: string;
  percent: string;
  reason: string;
  reasonCode: string;
  vatCategory: string;
  vatRate: string;
}

export interface ELine {
  id: string;
  name: string;
  description: string;
  note: string;
  quantity: string;
  /** UN/ECE Rec 20 unit code (BT-130). */
  unitCode: string;
  /** BT-146 item net price, per priceBaseQuantity. */
  netPrice: string;
  grossPrice: string;
  priceBaseQuantity: string;
  /** BT-131 line net amount. */
  netAmount: string;
  vatCategory: string;
  vatRate: string;
  sellerItemId: string;
  buyerItemId: string;
  standardItemId: string;
  orderLineReference: string;
  period: { start: string; end: string } | null;
  allowances: EAllowanceCharge[];
}

export interface EVatBreakdown {
  category: string;
  rate: string;
  taxableAmount: string;
  taxAmount: string;
  exemptionReason: string;
  exemptionCode: string;
}

export interface ETotals {
  /** BT-106 */ lineTotal: string;
  /** BT-107 */ allowanceTotal: string;
  /** BT-108 */ chargeTotal: string;
  /** BT-109 */ taxExclusive: string;
  /** BT-110 */ taxTotal: string;
  /** BT-112 */ taxInclusive: string;
  /** BT-113 */ prepaid: string;
  /** BT-114 */ rounding: string;
  /** BT-115 */ payable: string;
}

export interface EPayment {
  /** BT-81 UNTDID 4461 code and BT-82 text. */
  meansCode: string;
  meansText: string;
  /** BT-83 remittance information. */
  remittance: string;
  accounts: { iban: string; name: string; bic: string }[];
  /** BT-89 mandate reference and BT-91 debited account (direct debit). */
  mandate: string;
  debitedAccount: string;
  card: string;
}

export interface EInvoice {
  syntax: EInvoiceSyntax;
  /** 'invoice' or 'credit_note' (from the root element or the type code). */
  kind: 'invoice' | 'credit_note';
  /** BT-3 UNTDID 1001 code (380 invoice, 381 credit note, ...). */
  typeCode: string;
  /** BT-24 specification identifier (EN 16931, XRechnung, Peppol BIS, Factur-X profile). */
  customizationId: string;
  number: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  taxCurrency: string;
  buyerReference: string;
  orderReference: string;
  contractReference: string;
  precedingInvoice: string;
  paymentTerms: string;
  notes: string[];
  deliveryDate: string;
  period: { start: string; end: string } | null;
  seller: EParty;
  buyer: EParty;
  payee: EParty | null;
  sellerTaxRepresentative: EParty | null;
  lines: ELine[];
  allowances: EAllowanceCharge[];
  vatBreakdown: EVatBreakdown[];
  totals: ETotals;
  payment: EPayment;
}

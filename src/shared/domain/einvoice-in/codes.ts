/**
 * Words for the codes an incoming e-invoice uses, for the readable view: the common UN/ECE
 * Recommendation 20 units, the UNCL 5305 VAT categories and UNCL 4461 payment means. An unknown
 * code is shown as the code itself. VAT categories come from the e-invoices-out code list
 * (`../einvoice/codes.ts`); the units here are the short forms a readable view prints.
 */
import { VAT_CATEGORY_LABELS } from '../einvoice/codes';

const UNITS: Record<string, string> = {
  C62: 'pcs',
  H87: 'pcs',
  EA: 'each',
  XPP: 'pcs',
  HUR: 'h',
  MIN: 'min',
  SEC: 's',
  DAY: 'days',
  WEE: 'weeks',
  MON: 'months',
  ANN: 'years',
  KGM: 'kg',
  GRM: 'g',
  TNE: 't',
  MTR: 'm',
  KMT: 'km',
  CMT: 'cm',
  MMT: 'mm',
  MTK: 'm²',
  MTQ: 'm³',
  LTR: 'l',
  MLT: 'ml',
  KWH: 'kWh',
  KWT: 'kW',
  SET: 'sets',
  PR: 'pairs',
  BX: 'boxes',
  XBX: 'boxes',
  PK: 'packs',
  XPK: 'packs',
  LS: 'lump sum',
  E48: 'service units',
  P1: '%',
  '1I': 'fixed rate',
  ZZ: 'units',
};

export function unitName(code: string): string {
  return UNITS[code.toUpperCase()] ?? code;
}

/** A VAT category in words, from the e-invoices-out code list ("AE" -> "Reverse charge"). */
export function vatCategoryName(code: string): string {
  const label = (VAT_CATEGORY_LABELS as Record<string, string>)[code.toUpperCase()];
  if (label) return label.slice(label.indexOf('—') + 2);
  return code ? `VAT category ${code}` : 'No VAT category';
}

const PAYMENT_MEANS: Record<string, string> = {
  '1': 'Not defined',
  '10': 'Cash',
  '20': 'Cheque',
  '30': 'Credit transfer',
  '31': 'Debit transfer',
  '42': 'Payment to bank account',
  '48': 'Bank card',
  '49': 'Direct debit',
  '57': 'Standing agreement',
  '58': 'SEPA credit transfer',
  '59': 'SEPA direct debit',
  '97': 'Clearing between partners',
  ZZZ: 'Mutually defined',
};

export function paymentMeansName(code: string): string {
  return PAYMENT_MEANS[code] ?? (code ? `Payment means ${code}` : '');
}

const DOCUMENT_TYPES: Record<string, string> = {
  '380': 'Commercial invoice',
  '381': 'Credit note',
  '383': 'Debit note',
  '384': 'Corrected invoice',
  '386': 'Prepayment invoice',
  '389': 'Self-billed invoice',
  '326': 'Partial invoice',
  '751': 'Invoice information for accounting',
};

export function documentTypeName(code: string): string {
  return DOCUMENT_TYPES[code] ?? (code ? `Document type ${code}` : 'Invoice');
}

/** The specification the file follows, in words, from BT-24. */
export function specificationName(customizationId: string): string {
  const c = customizationId.toLowerCase();
  if (c.includes('xrechnung')) return 'XRechnung';
  if (c.includes('peppol')) return 'Peppol BIS Billing 3.0';
  if (c.includes('factur-x') || c.includes('zugferd')) return 'Factur-X / ZUGFeRD';
  if (c.includes('en16931')) return 'EN 16931';
  return customizationId || 'Unknown specification';
}

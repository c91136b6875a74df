import type { Translate as TFunction } from '../../i18n';
import { unitName } from './codes';

/**
 * The codes of an incoming e-invoice in the screen's language: units (UN/ECE Rec. 20), VAT
 * categories (UNCL 5305), payment means (UNCL 4461) and document types (UNCL 1001). The code
 * lists themselves stay in src/shared/domain/einvoice-in/codes.ts; an unknown code is shown as
 * the code. Units written as symbols (kg, h, m²) are the same in every language and come from
 * the code list.
 */
const UNIT_WORDS = {
  C62: 'einvoiceIn.units.pieces',
  H87: 'einvoiceIn.units.pieces',
  XPP: 'einvoiceIn.units.pieces',
  EA: 'einvoiceIn.units.each',
  DAY: 'einvoiceIn.units.days',
  WEE: 'einvoiceIn.units.weeks',
  MON: 'einvoiceIn.units.months',
  ANN: 'einvoiceIn.units.years',
  SET: 'einvoiceIn.units.sets',
  PR: 'einvoiceIn.units.pairs',
  BX: 'einvoiceIn.units.boxes',
  XBX: 'einvoiceIn.units.boxes',
  PK: 'einvoiceIn.units.packs',
  XPK: 'einvoiceIn.units.packs',
  LS: 'einvoiceIn.units.lumpSum',
  E48: 'einvoiceIn.units.serviceUnits',
  '1I': 'einvoiceIn.units.fixedRate',
  ZZ: 'einvoiceIn.units.units',
} as const;

const VAT_CATEGORIES = {
  S: 'einvoiceIn.vatCategories.standard',
  Z: 'einvoiceIn.vatCategories.zeroRated',
  E: 'einvoiceIn.vatCategories.exempt',
  AE: 'einvoiceIn.vatCategories.reverseCharge',
  K: 'einvoiceIn.vatCategories.intraCommunity',
  G: 'einvoiceIn.vatCategories.export',
  O: 'einvoiceIn.vatCategories.outOfScope',
  L: 'einvoiceIn.vatCategories.canaryIslands',
  M: 'einvoiceIn.vatCategories.ceutaMelilla',
} as const;

const PAYMENT_MEANS = {
  '1': 'einvoiceIn.paymentMeans.notDefined',
  '10': 'einvoiceIn.paymentMeans.cash',
  '20': 'einvoiceIn.paymentMeans.cheque',
  '30': 'einvoiceIn.paymentMeans.creditTransfer',
  '31': 'einvoiceIn.paymentMeans.debitTransfer',
  '42': 'einvoiceIn.paymentMeans.bankAccount',
  '48': 'einvoiceIn.paymentMeans.bankCard',
  '49': 'einvoiceIn.paymentMeans.directDebit',
  '57': 'einvoiceIn.paymentMeans.standingAgreement',
  '58': 'einvoiceIn.paymentMeans.sepaCreditTransfer',
  '59': 'einvoiceIn.paymentMeans.sepaDirectDebit',
  '97': 'einvoiceIn.paymentMeans.clearing',
  ZZZ: 'einvoiceIn.paymentMeans.mutuallyDefined',
} as const;

const DOCUMENT_TYPES = {
  '380': 'einvoiceIn.documentTypes.commercialInvoice',
  '381': 'einvoiceIn.documentTypes.creditNote',
  '383': 'einvoiceIn.documentTypes.debitNote',
  '384': 'einvoiceIn.documentTypes.correctedInvoice',
  '386': 'einvoiceIn.documentTypes.prepaymentInvoice',
  '389': 'einvoiceIn.documentTypes.selfBilledInvoice',
  '326': 'einvoiceIn.documentTypes.partialInvoice',
  '751': 'einvoiceIn.documentTypes.accountingInformation',
} as const;

const pick = <M extends Record<string, string>>(map: M, code: string): M[keyof M] | undefined =>
  Object.prototype.hasOwnProperty.call(map, code) ? map[code as keyof M] : undefined;

export function unitLabel(t: TFunction, code: string): string {
  const key = pick(UNIT_WORDS, code.toUpperCase());
  return key ? t(key) : unitName(code);
}

/** "AE" → "Reverse charge" in the screen's language. */
export function vatCategoryLabel(t: TFunction, code: string): string {
  const key = pick(VAT_CATEGORIES, code.toUpperCase());
  if (key) return t(key);
  return code ? t('einvoiceIn.vatCategories.other', { code }) : t('einvoiceIn.vatCategories.none');
}

export function paymentMeansLabel(t: TFunction, code: string): string {
  const key = pick(PAYMENT_MEANS, code);
  if (key) return t(key);
  return code ? t('einvoiceIn.paymentMeans.other', { code }) : '';
}

export function documentTypeLabel(t: TFunction, code: string): string {
  const key = pick(DOCUMENT_TYPES, code);
  if (key) return t(key);
  return code ? t('einvoiceIn.documentTypes.other', { code }) : t('einvoiceIn.documentTypes.invoice');
}

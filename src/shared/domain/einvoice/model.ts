import type { Document } from '../../api/documents';
import { minorUnits } from '../currencies';
import { formatScaled, parseScaled, roundDiv } from '../decimal';
import { computeTotals, QUANTITY_SCALE, type DocumentTotals } from '../totals';
import {
  CATEGORY_VATEX,
  countryCode,
  CUSTOMIZATION_IDS,
  electronicAddressProblem,
  isXRechnung,
  looksLikeVatId,
  normalizeVatId,
  REASON_CATEGORIES,
  unitCode,
  ZERO_RATE_CATEGORIES,
  type EinvoiceFormat,
  type VatCategory,
} from './codes';

/**
 * The semantic EN 16931 invoice (business terms BT-/BG-), built from the same document and
 * settings the PDF is built from, with every figure taken from the totals function: the
 * writers (UBL, CII) only place these values. Amounts are integer minor units.
 *
 * How Folio's document maps onto EN 16931 (so the XML adds up to the PDF exactly):
 * - Tax-exclusive prices: a line's net (BT-131) is quantity × price less the line discount;
 *   the document discount becomes one document-level allowance (BG-20) per VAT category and
 *   rate, equal to the sum of the lines' shares (totals.ts rule 3); shipping is a document-level
 *   charge (BG-21). So each category's taxable amount (BT-116) equals the totals' tax base.
 * - Tax-inclusive prices: a line's net (BT-131) is the line's net after every discount, as the
 *   totals function split it; the net price (BT-146) is that net per unit. No allowances.
 * - VAT per category (BT-117) is the totals' tax amount of the rate, unchanged.
 */

export interface EnAddress {
  line1: string;
  line2: string;
  city: string;
  postalCode: string;
  region: string;
  country: string;
}

export interface EnParty {
  name: string;
  vatId: string;
  /** BT-32 (seller only): the tax number, scheme FC. */
  taxNumber: string;
  legalId: string;
  electronicAddress: { scheme: string; id: string } | null;
  address: EnAddress;
  contact: { name: string; phone: string; email: string } | null;
}

export interface EnLine {
  id: string;
  name: string;
  note: string;
  quantity: string;
  unitCode: string;
  /** BT-146, decimal text in the document currency (may have more decimals than the currency). */
  netPrice: string;
  net: number;
  allowance: number;
  category: VatCategory;
  percent: string;
}

export interface EnAllowanceCharge {
  charge: boolean;
  amount: number;
  reason: string;
  reasonCode: string;
  category: VatCategory;
  percent: string;
}

export interface EnVatBreakdown {
  category: VatCategory;
  percent: string;
  base: number;
  tax: number;
  exemptionReason: string;
  exemptionCode: string;
}

export interface EnInvoice {
  format: EinvoiceFormat;
  customizationId: string;
  profileId: string;
  typeCode: '380' | '381';
  number: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  /** Decimals the currency has (amounts are written with exactly these). */
  digits: number;
  notes: string[];
  buyerReference: string;
  orderReference: string;
  preceding: { number: string; issueDate: string } | null;
  deliveryDate: string | null;
  period: { start: string; end: string } | null;
  seller: EnParty;
  buyer: EnParty;
  payment: { meansCode: string; iban: string; bic: string; holder: string; remittance: string } | null;
  paymentTerms: string;
  lines: EnLine[];
  allowancesCharges: EnAllowanceCharge[];
  breakdown: EnVatBreakdown[];
  totals: {
    lineTotal: number;
    allowanceTotal: number;
    chargeTotal: number;
    taxExclusive: number;
    tax: number;
    taxInclusive: number;
    prepaid: number;
    payable: number;
  };
}

/** What the e-invoice needs besides the document: the same settings the PDF reads, and the customer's record. */
export interface EinvoiceSource {
  doc: Document;
  seller: {
    name: string;
    address: {
      line1: string;
      line2: string;
      city: string;
      region: string;
      postalCode: string;
      country: string;
    };
    email: string;
    phone: string;
    taxNumber: string;
    vatId: string;
    legalRegistration: string;
    electronicAddress: string;
    electronicAddressScheme: string;
    contactName: string;
    contactPhone: string;
    contactEmail: string;
  };
  bank: { iban: string; bic: string; accountHolder: string };
  buyer: {
    name: string;
    address: {
      line1: string;
      line2: string;
      city: string;
      region: string;
      postalCode: string;
      country: string;
    };
    taxNumber: string;
    contactPerson: string;
    email: string;
    phone: string;
    electronicAddress: string;
    electronicAddressScheme: string;
  };
  /** The invoice a credit note corrects (BT-25, BT-26). */
  preceding: { number: string; issueDate: string } | null;
  /** The user's own unit → Rec 20 code choices. */
  unitCodes?: Record<string, string>;
}

/** A problem that keeps this document from being a valid e-invoice, at the field to fix. */
export interface EinvoiceProblem {
  /** Where to fix it: 'customer.<field>', 'business.<field>', 'document.<field>', 'tax.<id>', 'settings.bank'. */
  field: string;
  message: string;
}

export class EinvoiceRefused extends Error {
  constructor(readonly problems: EinvoiceProblem[]) {
    super(problems.map((p) => p.message).join(' '));
  }
}

const PROFILE_PEPPOL = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

function partyAddress(a: EinvoiceSource['seller']['address']): EnAddress {
  return {
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    postalCode: a.postalCode,
    region: a.region,
    country: countryCode(a.country) ?? '',
  };
}

/** Exact net price per unit: net / quantity, at up to 6 decimals, as decimal text. */
function pricePerUnit(net: number, quantity: string, digits: number): string {
  const q = parseScaled(quantity, QUANTITY_SCALE)!;
  if (q === 0n) return '0';
  // net (minor) / 10^digits / (q / 10^4) at scale 6
  const scaled = roundDiv(BigInt(net) * 10n ** BigInt(6 - digits) * 10n ** BigInt(QUANTITY_SCALE), q);
  return formatScaled(scaled < 0n ? -scaled : scaled, 6);
}

function minorToText(minor: number, digits: number): string {
  return formatScaled(BigInt(minor), digits);
}

/**
 * Builds the EN 16931 model of an issued invoice or credit note in a format, or throws
 * EinvoiceRefused listing every problem (the preflight shows the same list before issuing).
 */
export function buildEinvoice(src: EinvoiceSource, format: EinvoiceFormat): EnInvoice {
  const problems = einvoiceProblems(src, format);
  if (problems.length) throw new EinvoiceRefused(problems);
  return assemble(src, format);
}

interface Classified {
  totals: DocumentTotals;
  taxById: Map<number, Document['totals']['taxes'][number]>;
}

function classify(doc: Document): Classified {
  const taxById = new Map(doc.totals.taxes.map((t) => [t.taxId, t]));
  const totals = computeTotals({
    pricesIncludeTax: doc.pricesIncludeTax,
    lines: doc.lines.map((l) => ({
      kind: l.kind,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.discount,
      taxIds: l.kind === 'item' ? l.taxIds.filter((id) => taxById.has(id)) : [],
    })),
    discount: doc.discount,
    shipping: doc.shipping,
    shippingTaxIds: doc.shippingTaxIds.filter((id) => taxById.has(id)),
    taxes: doc.totals.taxes.map((t) => ({
      id: t.taxId,
      name: t.name,
      percent: t.percent,
      compound: t.compound,
    })),
  });
  return { totals, taxById };
}

/** Every reason the document cannot be this e-invoice format; empty when it can. */
export function einvoiceProblems(src: EinvoiceSource, format: EinvoiceFormat): EinvoiceProblem[] {
  const { doc, seller, buyer } = src;
  const out: EinvoiceProblem[] = [];
  const add = (field: string, message: string) => {
    if (!out.some((p) => p.message === message)) out.push({ field, message });
  };
  if (doc.type === 'quote')
    add('document.type', 'A quote is not an invoice: e-invoices are made of invoices and credit notes.');
  let digits = 2;
  try {
    digits = minorUnits(doc.currency);
  } catch {
    add('document.currency', `${doc.currency} is not a currency code.`);
  }
  if (digits > 2)
    add(
      'document.currency',
      `EN 16931 allows 2 decimals in amounts; ${doc.currency} has ${digits}, so it cannot be an e-invoice.`,
    );

  // Seller
  if (!seller.name.trim()) add('business.name', 'Your business name is missing (Settings → Business).');
  const sellerCountry = countryCode(seller.address.country);
  if (!seller.address.country.trim())
    add('business.address.country', 'Your business country is missing (Settings → Business).');
  else if (!sellerCountry)
    add(
      'business.address.country',
      `Your business country "${seller.address.country}" is not recognised: use a 2-letter code like DE.`,
    );
  const buyerCountry = countryCode(buyer.address.country);
  if (!buyer.address.country.trim())
    add('customer.billingAddress.country', "The customer's country is missing.");
  else if (!buyerCountry)
    add(
      'customer.billingAddress.country',
      `The customer's country "${buyer.address.country}" is not recognised: use a 2-letter code like FR.`,
    );

  // Taxes: exactly one VAT rate per line and on shipping, no compound taxes.
  const taxById = new Map(doc.totals.taxes.map((t) => [t.taxId, t]));
  const compound = doc.totals.taxes.filter((t) => t.compound);
  for (const t of compound)
    add(
      `tax.${t.taxId}`,
      `${t.name} is a compound tax (tax on tax): EN 16931 has no way to express it, so this document cannot be an e-invoice.`,
    );
  const categories = new Set<VatCategory>();
  doc.lines.forEach((l, i) => {
    if (l.kind !== 'item') return;
    if (l.taxIds.length === 0)
      add(
        `document.lines.${i}.taxIds`,
        `Line ${i + 1} has no tax: an e-invoice needs a VAT rate on every line (a 0 % rate with its category if no VAT applies).`,
      );
    else if (l.taxIds.length > 1)
      add(
        `document.lines.${i}.taxIds`,
        `Line ${i + 1} has ${l.taxIds.length} taxes: an e-invoice line carries exactly one VAT rate.`,
      );
    for (const id of l.taxIds) {
      const t = taxById.get(id);
      if (t) categories.add(t.vatCategory);
    }
    const code = unitCode(l.unit, src.unitCodes);
    if (code === null)
      add(
        `document.lines.${i}.unit`,
        `The unit "${l.unit}" on line ${i + 1} has no UN/ECE code: choose its code in Settings → E-invoices, or use a unit like hour, day or piece.`,
      );
  });
  if (doc.shipping !== 0) {
    if (doc.shippingTaxIds.length !== 1)
      add('document.shippingTaxIds', 'Shipping needs exactly one VAT rate on an e-invoice.');
    for (const id of doc.shippingTaxIds) {
      const t = taxById.get(id);
      if (t) categories.add(t.vatCategory);
    }
  }
  for (const t of doc.totals.taxes) {
    const zero = parseScaled(t.percent, 4) === 0n;
    if (ZERO_RATE_CATEGORIES.includes(t.vatCategory) && !zero)
      add(
        `tax.${t.taxId}`,
        `${t.name} has category ${t.vatCategory}, whose rate must be 0 %: change its category to S.`,
      );
    if (t.vatCategory === 'S' && zero)
      add(
        `tax.${t.taxId}`,
        `${t.name} is 0 % with category S (standard): choose Z (zero rated), E (exempt), AE (reverse charge), K, G or O.`,
      );
    if (
      REASON_CATEGORIES.includes(t.vatCategory) &&
      !t.reason.trim() &&
      !t.vatexCode &&
      !exemptionTextOf(doc, t.taxId)
    )
      add(
        `tax.${t.taxId}`,
        `A 0 % line needs an exemption reason: give ${t.name} a reason or a VATEX code (Settings → Taxes).`,
      );
  }
  if (categories.has('O') && categories.size > 1)
    add(
      'document.lines',
      'Lines "not subject to VAT" (category O) cannot share an e-invoice with taxed lines: make two invoices.',
    );

  const sellerVat = normalizeVatId(seller.vatId);
  if (!(categories.has('O') ? '' : sellerVat) && !seller.legalRegistration.trim())
    add(
      'business.vatId',
      'Your VAT ID or company registration is missing (Settings → Business): the buyer identifies you by it.',
    );
  const buyerVat = looksLikeVatId(buyer.taxNumber) ? normalizeVatId(buyer.taxNumber) : '';
  const needsSellerTaxId = [...categories].some((c) => ['S', 'Z', 'E', 'AE', 'K', 'L', 'M'].includes(c));
  if (needsSellerTaxId && !sellerVat && !seller.taxNumber.trim())
    add('business.vatId', 'Your VAT ID or tax number is missing (Settings → Business).');
  if ((categories.has('AE') || categories.has('K') || categories.has('G')) && !sellerVat)
    add(
      'business.vatId',
      'Reverse charge, intra-community and export invoices need your VAT ID (Settings → Business).',
    );
  if ((categories.has('AE') || categories.has('K')) && !buyerVat)
    add(
      'customer.taxNumber',
      "Reverse charge and intra-community supplies need the customer's VAT ID (with its country prefix).",
    );
  if (categories.has('K') && !doc.deliveryDate)
    add('document.deliveryDate', 'An intra-community supply needs the delivery date or period.');

  // Credit notes refer to the invoice they correct.
  if (doc.type === 'credit_note' && !src.preceding && isXRechnung(format))
    add('document.relatedId', 'This credit note does not say which invoice it corrects.');

  // CIUS: XRechnung and Peppol.
  if (isXRechnung(format) || format === 'peppol') {
    const sellerAddr = electronicAddressProblem(seller.electronicAddressScheme, seller.electronicAddress);
    if (!seller.electronicAddress.trim())
      add(
        'business.electronicAddress',
        `${formatName(format)} needs your electronic address (Settings → Business), e.g. your email with scheme EM.`,
      );
    else if (sellerAddr) add('business.electronicAddress', sellerAddr);
    if (!buyer.electronicAddress.trim())
      add(
        'customer.electronicAddress',
        `${formatName(format)} needs the customer's electronic address (a Peppol ID, Leitweg-ID or email).`,
      );
  }
  if (isXRechnung(format)) {
    if (!doc.buyerReference.trim())
      add('document.buyerReference', 'XRechnung needs a buyer reference or Leitweg-ID.');
    if (!seller.address.city.trim() || !seller.address.postalCode.trim())
      add('business.address.city', 'XRechnung needs your city and postal code (Settings → Business).');
    if (!buyer.address.city.trim() || !buyer.address.postalCode.trim())
      add('customer.billingAddress.city', "XRechnung needs the customer's city and postal code.");
    const contactName = seller.contactName || seller.name;
    const phone = seller.contactPhone || seller.phone;
    const email = seller.contactEmail || seller.email;
    if (!contactName.trim() || !phone.trim() || !email.trim())
      add(
        'business.contactPhone',
        'XRechnung needs a contact person with phone and email (Settings → Business).',
      );
    if (doc.type === 'invoice' && !src.bank.iban)
      add('settings.bank', 'XRechnung needs payment instructions: enter your IBAN in Settings → Documents.');
  }
  if (format === 'peppol' && !doc.buyerReference.trim() && !doc.reference.trim())
    add('document.buyerReference', 'Peppol needs a buyer reference or a PO number.');
  return out;
}

function formatName(f: EinvoiceFormat): string {
  return isXRechnung(f) ? 'XRechnung' : f === 'peppol' ? 'Peppol' : 'This e-invoice';
}

function exemptionTextOf(doc: Document, taxId: number): string {
  for (const l of doc.lines)
    if (l.taxIds.includes(taxId) && l.exemptionReason.trim()) return l.exemptionReason.trim();
  return '';
}

function assemble(src: EinvoiceSource, format: EinvoiceFormat): EnInvoice {
  const { doc } = src;
  const digits = minorUnits(doc.currency);
  const { totals, taxById } = classify(doc);
  const catOf = (taxIds: number[]) => {
    const t = taxById.get(taxIds[0]!)!;
    return { category: t.vatCategory, percent: t.percent };
  };
  const categories = new Set(doc.totals.taxes.map((t) => t.vatCategory));
  const notSubject = categories.has('O');

  const lines: EnLine[] = [];
  const docAllowance = new Map<string, EnAllowanceCharge>();
  doc.lines.forEach((l, i) => {
    if (l.kind !== 'item') return;
    const t = totals.lines[i]!;
    const { category, percent } = catOf(l.taxIds);
    const negativePrice = l.unitPrice < 0;
    let quantity = l.quantity;
    if (negativePrice) quantity = formatScaled(-parseScaled(l.quantity, QUANTITY_SCALE)!, QUANTITY_SCALE);
    let net: number;
    let allowance = 0;
    let netPrice: string;
    if (doc.pricesIncludeTax) {
      net = t.net;
      netPrice = pricePerUnit(net, quantity, digits);
    } else {
      allowance = t.lineDiscount;
      net = t.amount - t.lineDiscount;
      netPrice = minorToText(Math.abs(l.unitPrice), digits);
      if (t.documentDiscount !== 0) {
        const key = `${category}|${percent}`;
        const row = docAllowance.get(key) ?? {
          charge: false,
          amount: 0,
          reason: 'Discount',
          reasonCode: '95',
          category,
          percent,
        };
        row.amount += t.documentDiscount;
        docAllowance.set(key, row);
      }
    }
    const [name, ...rest] = l.description.split('\n');
    lines.push({
      id: String(lines.length + 1),
      name: (name ?? '').trim() || 'Item',
      note: rest.join('\n').trim(),
      quantity,
      unitCode: unitCode(l.unit, src.unitCodes)!,
      netPrice,
      net,
      allowance,
      category,
      percent,
    });
  });
  const allowancesCharges = [...docAllowance.values()].filter((a) => a.amount !== 0);
  if (doc.shipping !== 0) {
    const { category, percent } = catOf(doc.shippingTaxIds);
    allowancesCharges.push({
      charge: true,
      amount: totals.shippingLine.net,
      reason: 'Shipping',
      reasonCode: 'FC',
      category,
      percent,
    });
  }

  // BG-23 from the totals' tax breakdown, merged by category and rate.
  const breakdown = new Map<string, EnVatBreakdown>();
  for (const t of totals.taxes) {
    const snap = taxById.get(t.taxId)!;
    const key = `${snap.vatCategory}|${t.percent}`;
    const row = breakdown.get(key) ?? {
      category: snap.vatCategory,
      percent: t.percent,
      base: 0,
      tax: 0,
      exemptionReason: '',
      exemptionCode: '',
    };
    row.base += t.base;
    row.tax += t.amount;
    if (REASON_CATEGORIES.includes(snap.vatCategory) || snap.vatCategory === 'Z') {
      row.exemptionReason ||= snap.reason.trim() || exemptionTextOf(doc, t.taxId);
      row.exemptionCode ||=
        snap.vatexCode || (row.exemptionReason ? (CATEGORY_VATEX[snap.vatCategory] ?? '') : '');
      if (snap.vatCategory === 'Z') {
        row.exemptionReason = '';
        row.exemptionCode = '';
      }
    }
    breakdown.set(key, row);
  }

  const lineTotal = lines.reduce((s, l) => s + l.net, 0);
  const allowanceTotal = allowancesCharges.filter((a) => !a.charge).reduce((s, a) => s + a.amount, 0);
  const chargeTotal = allowancesCharges.filter((a) => a.charge).reduce((s, a) => s + a.amount, 0);
  const taxExclusive = lineTotal - allowanceTotal + chargeTotal;
  if (taxExclusive !== totals.net)
    throw new Error(`E-invoice net ${taxExclusive} differs from the totals' net ${totals.net}`);
  // The e-invoice is the document as issued: payments recorded later do not change it.
  const prepaid = 0;

  const s = src.seller;
  const sellerVat = notSubject ? '' : normalizeVatId(s.vatId);
  const b = src.buyer;
  const buyerVat = !notSubject && looksLikeVatId(b.taxNumber) ? normalizeVatId(b.taxNumber) : '';
  const contactName = s.contactName || s.name;
  const iban = src.bank.iban.replace(/\s/g, '').toUpperCase();
  const terms = doc.terms.trim();
  return {
    format,
    customizationId: CUSTOMIZATION_IDS[format],
    profileId: PROFILE_PEPPOL,
    typeCode: doc.type === 'credit_note' ? '381' : '380',
    number: doc.number ?? 'DRAFT',
    issueDate: doc.issueDate,
    dueDate: doc.type === 'invoice' ? doc.dueDate : null,
    currency: doc.currency,
    digits,
    notes: [doc.notes.trim()].filter(Boolean),
    buyerReference: doc.buyerReference.trim(),
    orderReference: doc.reference.trim(),
    preceding: src.preceding,
    deliveryDate: doc.deliveryDate && !doc.deliveryEnd ? doc.deliveryDate : null,
    period: doc.deliveryDate && doc.deliveryEnd ? { start: doc.deliveryDate, end: doc.deliveryEnd } : null,
    seller: {
      name: s.name,
      vatId: sellerVat,
      taxNumber: notSubject && !s.taxNumber ? '' : s.taxNumber.trim(),
      legalId: s.legalRegistration.trim(),
      electronicAddress: s.electronicAddress
        ? { scheme: s.electronicAddressScheme, id: s.electronicAddress }
        : null,
      address: partyAddress(s.address),
      contact:
        contactName || s.contactPhone || s.phone || s.contactEmail || s.email
          ? { name: contactName, phone: s.contactPhone || s.phone, email: s.contactEmail || s.email }
          : null,
    },
    buyer: {
      name: b.name,
      vatId: buyerVat,
      taxNumber: '',
      legalId: '',
      electronicAddress: b.electronicAddress
        ? { scheme: b.electronicAddressScheme || 'EM', id: b.electronicAddress }
        : null,
      address: partyAddress(b.address),
      contact:
        b.contactPerson || b.email || b.phone
          ? { name: b.contactPerson, phone: b.phone, email: b.email }
          : null,
    },
    // A credit note is paid back by arrangement (UNTDID 4461 code 1): XRechnung wants payment
    // instructions on every document (BR-DE-1), and the seller's account is not where it goes.
    payment:
      doc.type === 'credit_note'
        ? { meansCode: '1', iban: '', bic: '', holder: '', remittance: doc.number ?? '' }
        : iban
          ? {
              meansCode: '58',
              iban,
              bic: src.bank.bic.replace(/\s/g, '').toUpperCase(),
              holder: src.bank.accountHolder || s.name,
              remittance: doc.number ?? '',
            }
          : null,
    paymentTerms: terms,
    lines,
    allowancesCharges,
    breakdown: [...breakdown.values()],
    totals: {
      lineTotal,
      allowanceTotal,
      chargeTotal,
      taxExclusive,
      tax: totals.tax,
      taxInclusive: totals.total,
      prepaid,
      payable: totals.total - prepaid,
    },
  };
}

/** Amount as text with exactly the currency's decimals. */
export function amountText(minor: number, digits: number): string {
  const t = formatScaled(BigInt(minor), digits);
  if (digits === 0) return t;
  const [u, f = ''] = t.split('.');
  return `${u}.${f.padEnd(digits, '0')}`;
}

export { minorToText };

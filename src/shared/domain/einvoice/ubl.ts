import { xmlDocument, type XmlElement } from './xml';
import { amountText, type EnInvoice, type EnParty } from './model';

/**
 * OASIS UBL 2.1 Invoice / CreditNote (EN 16931 UBL syntax binding) from the semantic model:
 * EN 16931 UBL, XRechnung 3.0 UBL and Peppol BIS Billing 3.0. Elements follow the UBL 2.1
 * schema order.
 */
const NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

function text(parent: XmlElement, name: string, value: string, attrs?: Record<string, string>): void {
  if (value === '') return;
  parent.ele(name, attrs).txt(value);
}

function taxScheme(parent: XmlElement, id = 'VAT'): void {
  parent.ele('cac:TaxScheme').ele('cbc:ID').txt(id);
}

function party(parent: XmlElement, name: string, p: EnParty, seller: boolean): void {
  const el = parent.ele(name).ele('cac:Party');
  if (p.electronicAddress)
    el.ele('cbc:EndpointID', { schemeID: p.electronicAddress.scheme }).txt(p.electronicAddress.id);
  el.ele('cac:PartyName').ele('cbc:Name').txt(p.name);
  const a = el.ele('cac:PostalAddress');
  text(a, 'cbc:StreetName', p.address.line1);
  text(a, 'cbc:AdditionalStreetName', p.address.line2);
  text(a, 'cbc:CityName', p.address.city);
  text(a, 'cbc:PostalZone', p.address.postalCode);
  text(a, 'cbc:CountrySubentity', p.address.region);
  a.ele('cac:Country').ele('cbc:IdentificationCode').txt(p.address.country);
  if (p.vatId) {
    const ts = el.ele('cac:PartyTaxScheme');
    ts.ele('cbc:CompanyID').txt(p.vatId);
    taxScheme(ts);
  }
  if (p.taxNumber) {
    const ts = el.ele('cac:PartyTaxScheme');
    ts.ele('cbc:CompanyID').txt(p.taxNumber);
    taxScheme(ts, 'FC');
  }
  const legal = el.ele('cac:PartyLegalEntity');
  legal.ele('cbc:RegistrationName').txt(p.name);
  text(legal, 'cbc:CompanyID', p.legalId);
  if (p.contact && (seller || p.contact.name || p.contact.email)) {
    const c = el.ele('cac:Contact');
    text(c, 'cbc:Name', p.contact.name);
    if (seller) text(c, 'cbc:Telephone', p.contact.phone);
    text(c, 'cbc:ElectronicMail', p.contact.email);
  }
}

export function writeUbl(inv: EnInvoice): string {
  const credit = inv.typeCode === '381';
  const amt = (minor: number) => amountText(minor, inv.digits);
  const money = (parent: XmlElement, name: string, minor: number) =>
    parent.ele(name, { currencyID: inv.currency }).txt(amt(minor));
  const doc = xmlDocument(credit ? 'CreditNote' : 'Invoice', {
    xmlns: credit ? NS.creditNote : NS.invoice,
    'xmlns:cac': NS.cac,
    'xmlns:cbc': NS.cbc,
  });
  const root = doc.root;
  root.ele('cbc:CustomizationID').txt(inv.customizationId);
  if (inv.format !== 'en16931-ubl') root.ele('cbc:ProfileID').txt(inv.profileId);
  root.ele('cbc:ID').txt(inv.number);
  root.ele('cbc:IssueDate').txt(inv.issueDate);
  if (!credit && inv.dueDate) root.ele('cbc:DueDate').txt(inv.dueDate);
  root.ele(credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode').txt(inv.typeCode);
  for (const n of inv.notes) root.ele('cbc:Note').txt(n);
  root.ele('cbc:DocumentCurrencyCode').txt(inv.currency);
  text(root, 'cbc:BuyerReference', inv.buyerReference);
  if (inv.period) {
    const p = root.ele('cac:InvoicePeriod');
    p.ele('cbc:StartDate').txt(inv.period.start);
    p.ele('cbc:EndDate').txt(inv.period.end);
  }
  if (inv.orderReference) root.ele('cac:OrderReference').ele('cbc:ID').txt(inv.orderReference);
  if (inv.preceding) {
    const ref = root.ele('cac:BillingReference').ele('cac:InvoiceDocumentReference');
    ref.ele('cbc:ID').txt(inv.preceding.number);
    ref.ele('cbc:IssueDate').txt(inv.preceding.issueDate);
  }
  party(root, 'cac:AccountingSupplierParty', inv.seller, true);
  party(root, 'cac:AccountingCustomerParty', inv.buyer, false);
  const k = inv.breakdown.some((b) => b.category === 'K');
  if (inv.deliveryDate || k) {
    const d = root.ele('cac:Delivery');
    if (inv.deliveryDate) d.ele('cbc:ActualDeliveryDate').txt(inv.deliveryDate);
    if (k)
      d.ele('cac:DeliveryLocation')
        .ele('cac:Address')
        .ele('cac:Country')
        .ele('cbc:IdentificationCode')
        .txt(inv.buyer.address.country);
  }
  if (inv.payment) {
    const pm = root.ele('cac:PaymentMeans');
    pm.ele('cbc:PaymentMeansCode').txt(inv.payment.meansCode);
    text(pm, 'cbc:PaymentID', inv.payment.remittance);
    if (inv.payment.iban) {
      const acct = pm.ele('cac:PayeeFinancialAccount');
      acct.ele('cbc:ID').txt(inv.payment.iban);
      text(acct, 'cbc:Name', inv.payment.holder);
      if (inv.payment.bic) acct.ele('cac:FinancialInstitutionBranch').ele('cbc:ID').txt(inv.payment.bic);
    }
  }
  if (inv.paymentTerms) root.ele('cac:PaymentTerms').ele('cbc:Note').txt(inv.paymentTerms);
  for (const a of inv.allowancesCharges) {
    const ac = root.ele('cac:AllowanceCharge');
    ac.ele('cbc:ChargeIndicator').txt(a.charge ? 'true' : 'false');
    ac.ele('cbc:AllowanceChargeReasonCode').txt(a.reasonCode);
    ac.ele('cbc:AllowanceChargeReason').txt(a.reason);
    money(ac, 'cbc:Amount', a.amount);
    const tc = ac.ele('cac:TaxCategory');
    tc.ele('cbc:ID').txt(a.category);
    if (a.category !== 'O') tc.ele('cbc:Percent').txt(a.percent);
    taxScheme(tc);
  }
  const taxTotal = root.ele('cac:TaxTotal');
  money(taxTotal, 'cbc:TaxAmount', inv.totals.tax);
  for (const b of inv.breakdown) {
    const st = taxTotal.ele('cac:TaxSubtotal');
    money(st, 'cbc:TaxableAmount', b.base);
    money(st, 'cbc:TaxAmount', b.tax);
    const tc = st.ele('cac:TaxCategory');
    tc.ele('cbc:ID').txt(b.category);
    if (b.category !== 'O') tc.ele('cbc:Percent').txt(b.percent);
    text(tc, 'cbc:TaxExemptionReasonCode', b.exemptionCode);
    text(tc, 'cbc:TaxExemptionReason', b.exemptionReason);
    taxScheme(tc);
  }
  const sum = root.ele('cac:LegalMonetaryTotal');
  money(sum, 'cbc:LineExtensionAmount', inv.totals.lineTotal);
  money(sum, 'cbc:TaxExclusiveAmount', inv.totals.taxExclusive);
  money(sum, 'cbc:TaxInclusiveAmount', inv.totals.taxInclusive);
  money(sum, 'cbc:AllowanceTotalAmount', inv.totals.allowanceTotal);
  money(sum, 'cbc:ChargeTotalAmount', inv.totals.chargeTotal);
  money(sum, 'cbc:PrepaidAmount', inv.totals.prepaid);
  money(sum, 'cbc:PayableAmount', inv.totals.payable);
  for (const l of inv.lines) {
    const line = root.ele(credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine');
    line.ele('cbc:ID').txt(l.id);
    text(line, 'cbc:Note', l.note);
    line
      .ele(credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', { unitCode: l.unitCode })
      .txt(l.quantity);
    money(line, 'cbc:LineExtensionAmount', l.net);
    if (l.allowance !== 0) {
      const ac = line.ele('cac:AllowanceCharge');
      ac.ele('cbc:ChargeIndicator').txt('false');
      ac.ele('cbc:AllowanceChargeReasonCode').txt('95');
      ac.ele('cbc:AllowanceChargeReason').txt('Discount');
      money(ac, 'cbc:Amount', l.allowance);
    }
    const item = line.ele('cac:Item');
    item.ele('cbc:Name').txt(l.name);
    const tc = item.ele('cac:ClassifiedTaxCategory');
    tc.ele('cbc:ID').txt(l.category);
    if (l.category !== 'O') tc.ele('cbc:Percent').txt(l.percent);
    taxScheme(tc);
    line.ele('cac:Price').ele('cbc:PriceAmount', { currencyID: inv.currency }).txt(l.netPrice);
  }
  return doc.end();
}

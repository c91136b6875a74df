import { xmlDocument, type XmlElement } from './xml';
import { amountText, type EnInvoice, type EnParty } from './model';

/**
 * UN/CEFACT Cross Industry Invoice D16B (EN 16931 CII syntax binding) from the semantic model:
 * EN 16931 CII, XRechnung 3.0 CII and the XML inside Factur-X (profile EN 16931). Elements are
 * written in the order the D16B XSD requires.
 */
const NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};

const date102 = (iso: string) => iso.replace(/-/g, '');

function text(parent: XmlElement, name: string, value: string, attrs?: Record<string, string>): void {
  if (value === '') return;
  parent.ele(name, attrs).txt(value);
}

function dateTime(parent: XmlElement, name: string, iso: string): void {
  parent.ele(name).ele('udt:DateTimeString', { format: '102' }).txt(date102(iso));
}

function party(parent: XmlElement, name: string, p: EnParty, seller: boolean): void {
  const el = parent.ele(name);
  text(el, 'ram:Name', p.name);
  if (p.legalId) el.ele('ram:SpecifiedLegalOrganization').ele('ram:ID').txt(p.legalId);
  if (p.contact && seller) {
    const c = el.ele('ram:DefinedTradeContact');
    text(c, 'ram:PersonName', p.contact.name);
    if (p.contact.phone)
      c.ele('ram:TelephoneUniversalCommunication').ele('ram:CompleteNumber').txt(p.contact.phone);
    if (p.contact.email) c.ele('ram:EmailURIUniversalCommunication').ele('ram:URIID').txt(p.contact.email);
  }
  const a = el.ele('ram:PostalTradeAddress');
  text(a, 'ram:PostcodeCode', p.address.postalCode);
  text(a, 'ram:LineOne', p.address.line1);
  text(a, 'ram:LineTwo', p.address.line2);
  text(a, 'ram:CityName', p.address.city);
  a.ele('ram:CountryID').txt(p.address.country);
  text(a, 'ram:CountrySubDivisionName', p.address.region);
  if (p.electronicAddress)
    el.ele('ram:URIUniversalCommunication')
      .ele('ram:URIID', { schemeID: p.electronicAddress.scheme })
      .txt(p.electronicAddress.id);
  if (p.vatId) el.ele('ram:SpecifiedTaxRegistration').ele('ram:ID', { schemeID: 'VA' }).txt(p.vatId);
  if (p.taxNumber) el.ele('ram:SpecifiedTaxRegistration').ele('ram:ID', { schemeID: 'FC' }).txt(p.taxNumber);
}

export function writeCii(inv: EnInvoice): string {
  const amt = (minor: number) => amountText(minor, inv.digits);
  const doc = xmlDocument('rsm:CrossIndustryInvoice', {
    'xmlns:rsm': NS.rsm,
    'xmlns:ram': NS.ram,
    'xmlns:qdt': NS.qdt,
    'xmlns:udt': NS.udt,
  });
  const root = doc.root;
  const context = root.ele('rsm:ExchangedDocumentContext');
  if (inv.format !== 'facturx' && inv.format !== 'en16931-cii')
    context.ele('ram:BusinessProcessSpecifiedDocumentContextParameter').ele('ram:ID').txt(inv.profileId);
  context.ele('ram:GuidelineSpecifiedDocumentContextParameter').ele('ram:ID').txt(inv.customizationId);

  const header = root.ele('rsm:ExchangedDocument');
  header.ele('ram:ID').txt(inv.number);
  header.ele('ram:TypeCode').txt(inv.typeCode);
  dateTime(header, 'ram:IssueDateTime', inv.issueDate);
  for (const n of inv.notes) header.ele('ram:IncludedNote').ele('ram:Content').txt(n);

  const tx = root.ele('rsm:SupplyChainTradeTransaction');
  for (const l of inv.lines) {
    const item = tx.ele('ram:IncludedSupplyChainTradeLineItem');
    const ld = item.ele('ram:AssociatedDocumentLineDocument');
    ld.ele('ram:LineID').txt(l.id);
    if (l.note) ld.ele('ram:IncludedNote').ele('ram:Content').txt(l.note);
    item.ele('ram:SpecifiedTradeProduct').ele('ram:Name').txt(l.name);
    item
      .ele('ram:SpecifiedLineTradeAgreement')
      .ele('ram:NetPriceProductTradePrice')
      .ele('ram:ChargeAmount')
      .txt(l.netPrice);
    item
      .ele('ram:SpecifiedLineTradeDelivery')
      .ele('ram:BilledQuantity', { unitCode: l.unitCode })
      .txt(l.quantity);
    const ls = item.ele('ram:SpecifiedLineTradeSettlement');
    const tax = ls.ele('ram:ApplicableTradeTax');
    tax.ele('ram:TypeCode').txt('VAT');
    tax.ele('ram:CategoryCode').txt(l.category);
    if (l.category !== 'O') tax.ele('ram:RateApplicablePercent').txt(l.percent);
    if (l.allowance !== 0) {
      const ac = ls.ele('ram:SpecifiedTradeAllowanceCharge');
      ac.ele('ram:ChargeIndicator').ele('udt:Indicator').txt('false');
      ac.ele('ram:ActualAmount').txt(amt(l.allowance));
      ac.ele('ram:ReasonCode').txt('95');
      ac.ele('ram:Reason').txt('Discount');
    }
    ls.ele('ram:SpecifiedTradeSettlementLineMonetarySummation').ele('ram:LineTotalAmount').txt(amt(l.net));
  }

  const agreement = tx.ele('ram:ApplicableHeaderTradeAgreement');
  text(agreement, 'ram:BuyerReference', inv.buyerReference);
  party(agreement, 'ram:SellerTradeParty', inv.seller, true);
  party(agreement, 'ram:BuyerTradeParty', inv.buyer, false);
  if (inv.orderReference)
    agreement.ele('ram:BuyerOrderReferencedDocument').ele('ram:IssuerAssignedID').txt(inv.orderReference);

  const delivery = tx.ele('ram:ApplicableHeaderTradeDelivery');
  if (inv.breakdown.some((b) => b.category === 'K'))
    delivery
      .ele('ram:ShipToTradeParty')
      .ele('ram:PostalTradeAddress')
      .ele('ram:CountryID')
      .txt(inv.buyer.address.country);
  if (inv.deliveryDate)
    dateTime(delivery.ele('ram:ActualDeliverySupplyChainEvent'), 'ram:OccurrenceDateTime', inv.deliveryDate);

  const settlement = tx.ele('ram:ApplicableHeaderTradeSettlement');
  if (inv.payment?.remittance) settlement.ele('ram:PaymentReference').txt(inv.payment.remittance);
  settlement.ele('ram:InvoiceCurrencyCode').txt(inv.currency);
  if (inv.payment) {
    const pm = settlement.ele('ram:SpecifiedTradeSettlementPaymentMeans');
    pm.ele('ram:TypeCode').txt(inv.payment.meansCode);
    if (inv.payment.iban) {
      const acct = pm.ele('ram:PayeePartyCreditorFinancialAccount');
      acct.ele('ram:IBANID').txt(inv.payment.iban);
      text(acct, 'ram:AccountName', inv.payment.holder);
    }
    if (inv.payment.bic)
      pm.ele('ram:PayeeSpecifiedCreditorFinancialInstitution').ele('ram:BICID').txt(inv.payment.bic);
  }
  for (const b of inv.breakdown) {
    const t = settlement.ele('ram:ApplicableTradeTax');
    t.ele('ram:CalculatedAmount').txt(amt(b.tax));
    t.ele('ram:TypeCode').txt('VAT');
    text(t, 'ram:ExemptionReason', b.exemptionReason);
    t.ele('ram:BasisAmount').txt(amt(b.base));
    t.ele('ram:CategoryCode').txt(b.category);
    text(t, 'ram:ExemptionReasonCode', b.exemptionCode);
    if (b.category !== 'O') t.ele('ram:RateApplicablePercent').txt(b.percent);
  }
  if (inv.period) {
    const p = settlement.ele('ram:BillingSpecifiedPeriod');
    dateTime(p, 'ram:StartDateTime', inv.period.start);
    dateTime(p, 'ram:EndDateTime', inv.period.end);
  }
  for (const a of inv.allowancesCharges) {
    const ac = settlement.ele('ram:SpecifiedTradeAllowanceCharge');
    ac.ele('ram:ChargeIndicator')
      .ele('udt:Indicator')
      .txt(a.charge ? 'true' : 'false');
    ac.ele('ram:ActualAmount').txt(amt(a.amount));
    ac.ele('ram:ReasonCode').txt(a.reasonCode);
    ac.ele('ram:Reason').txt(a.reason);
    const ct = ac.ele('ram:CategoryTradeTax');
    ct.ele('ram:TypeCode').txt('VAT');
    ct.ele('ram:CategoryCode').txt(a.category);
    if (a.category !== 'O') ct.ele('ram:RateApplicablePercent').txt(a.percent);
  }
  if (inv.paymentTerms || inv.dueDate) {
    const terms = settlement.ele('ram:SpecifiedTradePaymentTerms');
    text(terms, 'ram:Description', inv.paymentTerms);
    if (inv.dueDate) dateTime(terms, 'ram:DueDateDateTime', inv.dueDate);
  }
  const sum = settlement.ele('ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  sum.ele('ram:LineTotalAmount').txt(amt(inv.totals.lineTotal));
  sum.ele('ram:ChargeTotalAmount').txt(amt(inv.totals.chargeTotal));
  sum.ele('ram:AllowanceTotalAmount').txt(amt(inv.totals.allowanceTotal));
  sum.ele('ram:TaxBasisTotalAmount').txt(amt(inv.totals.taxExclusive));
  sum.ele('ram:TaxTotalAmount', { currencyID: inv.currency }).txt(amt(inv.totals.tax));
  sum.ele('ram:GrandTotalAmount').txt(amt(inv.totals.taxInclusive));
  sum.ele('ram:TotalPrepaidAmount').txt(amt(inv.totals.prepaid));
  sum.ele('ram:DuePayableAmount').txt(amt(inv.totals.payable));
  if (inv.preceding) {
    const ref = settlement.ele('ram:InvoiceReferencedDocument');
    ref.ele('ram:IssuerAssignedID').txt(inv.preceding.number);
    ref
      .ele('ram:FormattedIssueDateTime')
      .ele('qdt:DateTimeString', { format: '102' })
      .txt(date102(inv.preceding.issueDate));
  }
  return doc.end();
}

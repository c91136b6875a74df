import type { EAllowanceCharge, EInvoice, EParty } from './model';
import { all, attr, one, txt, type XNode } from './xml';

/** UN/CEFACT CII D16B CrossIndustryInvoice (EN 16931, XRechnung CII, Factur-X/ZUGFeRD 2.x) -> EInvoice. */

/** "20130410" (format 102) -> "2013-04-10"; other forms are kept as written. */
export function ciiDate(n: XNode | undefined): string {
  const s = txt(n, 'DateTimeString');
  return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : s;
}

function party(p: XNode | undefined): EParty {
  const regs = all(p, 'SpecifiedTaxRegistration/ID');
  const vat = regs.find((r) => attr(r, 'schemeID') === 'VA');
  const fc = regs.find((r) => attr(r, 'schemeID') === 'FC');
  const address = one(p, 'PostalTradeAddress');
  const contact = one(p, 'DefinedTradeContact');
  const uri = one(p, 'URIUniversalCommunication/URIID');
  return {
    name: txt(p, 'Name'),
    tradingName: txt(p, 'SpecifiedLegalOrganization/TradingBusinessName'),
    vatId: txt(vat),
    taxRegistrationId: txt(fc),
    legalId: txt(p, 'SpecifiedLegalOrganization/ID'),
    ids: [...all(p, 'ID'), ...all(p, 'GlobalID')].map((n) => txt(n)).filter(Boolean),
    electronicAddress: uri ? { scheme: attr(uri, 'schemeID'), value: txt(uri) } : null,
    address: address
      ? {
          lines: [txt(address, 'LineOne'), txt(address, 'LineTwo'), txt(address, 'LineThree')].filter(
            Boolean,
          ),
          city: txt(address, 'CityName'),
          postalCode: txt(address, 'PostcodeCode'),
          region: txt(address, 'CountrySubDivisionName'),
          country: txt(address, 'CountryID'),
        }
      : null,
    contact: contact
      ? {
          name: txt(contact, 'PersonName') || txt(contact, 'DepartmentName'),
          phone: txt(contact, 'TelephoneUniversalCommunication/CompleteNumber'),
          email: txt(contact, 'EmailURIUniversalCommunication/URIID'),
        }
      : null,
  };
}

function allowanceCharge(n: XNode): EAllowanceCharge {
  return {
    charge: txt(n, 'ChargeIndicator/Indicator').toLowerCase() === 'true',
    amount: txt(n, 'ActualAmount'),
    baseAmount: txt(n, 'BasisAmount'),
    percent: txt(n, 'CalculationPercent'),
    reason: txt(n, 'Reason'),
    reasonCode: txt(n, 'ReasonCode'),
    vatCategory: txt(n, 'CategoryTradeTax/CategoryCode'),
    vatRate: txt(n, 'CategoryTradeTax/RateApplicablePercent'),
  };
}

function period(n: XNode | undefined): { start: string; end: string } | null {
  if (!n) return null;
  return { start: ciiDate(one(n, 'StartDateTime')), end: ciiDate(one(n, 'EndDateTime')) };
}

export function parseCii(doc: XNode): EInvoice {
  const ed = one(doc, 'ExchangedDocument');
  const tx = one(doc, 'SupplyChainTradeTransaction');
  const agreement = one(tx, 'ApplicableHeaderTradeAgreement');
  const delivery = one(tx, 'ApplicableHeaderTradeDelivery');
  const settlement = one(tx, 'ApplicableHeaderTradeSettlement');
  const sum = one(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  const currency = txt(settlement, 'InvoiceCurrencyCode');
  const taxTotals = all(sum, 'TaxTotalAmount');
  const docTax = taxTotals.find((t) => attr(t, 'currencyID') === currency || !attr(t, 'currencyID'));
  const means = all(settlement, 'SpecifiedTradeSettlementPaymentMeans');
  const terms = all(settlement, 'SpecifiedTradePaymentTerms');
  const typeCode = txt(ed, 'TypeCode');
  const payee = one(settlement, 'PayeeTradeParty');
  const rep = one(agreement, 'SellerTaxRepresentativeTradeParty');
  return {
    syntax: 'CII',
    kind: ['381', '396', '532'].includes(typeCode) ? 'credit_note' : 'invoice',
    typeCode,
    customizationId: txt(doc, 'ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID'),
    number: txt(ed, 'ID'),
    issueDate: ciiDate(one(ed, 'IssueDateTime')),
    dueDate: terms.map((t) => ciiDate(one(t, 'DueDateDateTime'))).find(Boolean) ?? '',
    currency,
    taxCurrency: txt(settlement, 'TaxCurrencyCode'),
    buyerReference: txt(agreement, 'BuyerReference'),
    orderReference: txt(agreement, 'BuyerOrderReferencedDocument/IssuerAssignedID'),
    contractReference: txt(agreement, 'ContractReferencedDocument/IssuerAssignedID'),
    precedingInvoice: txt(settlement, 'InvoiceReferencedDocument/IssuerAssignedID'),
    paymentTerms: terms
      .map((t) => txt(t, 'Description'))
      .filter(Boolean)
      .join('\n'),
    notes: all(ed, 'IncludedNote')
      .map((n) => txt(n, 'Content'))
      .filter(Boolean),
    deliveryDate: ciiDate(one(delivery, 'ActualDeliverySupplyChainEvent/OccurrenceDateTime')),
    period: period(one(settlement, 'BillingSpecifiedPeriod')),
    seller: party(one(agreement, 'SellerTradeParty')),
    buyer: party(one(agreement, 'BuyerTradeParty')),
    payee: payee ? party(payee) : null,
    sellerTaxRepresentative: rep ? party(rep) : null,
    lines: all(tx, 'IncludedSupplyChainTradeLineItem').map((l) => {
      const product = one(l, 'SpecifiedTradeProduct');
      const la = one(l, 'SpecifiedLineTradeAgreement');
      const ls = one(l, 'SpecifiedLineTradeSettlement');
      const q = one(l, 'SpecifiedLineTradeDelivery/BilledQuantity');
      const net = one(la, 'NetPriceProductTradePrice');
      return {
        id: txt(l, 'AssociatedDocumentLineDocument/LineID'),
        name: txt(product, 'Name'),
        description: txt(product, 'Description'),
        note: txt(l, 'AssociatedDocumentLineDocument/IncludedNote/Content'),
        quantity: txt(q),
        unitCode: attr(q, 'unitCode'),
        netPrice: txt(net, 'ChargeAmount'),
        grossPrice: txt(la, 'GrossPriceProductTradePrice/ChargeAmount'),
        priceBaseQuantity: txt(net, 'BasisQuantity'),
        netAmount: txt(ls, 'SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount'),
        vatCategory: txt(ls, 'ApplicableTradeTax/CategoryCode'),
        vatRate: txt(ls, 'ApplicableTradeTax/RateApplicablePercent'),
        sellerItemId: txt(product, 'SellerAssignedID'),
        buyerItemId: txt(product, 'BuyerAssignedID'),
        standardItemId: txt(product, 'GlobalID'),
        orderLineReference: txt(la, 'BuyerOrderReferencedDocument/LineID'),
        period: period(one(ls, 'BillingSpecifiedPeriod')),
        allowances: all(ls, 'SpecifiedTradeAllowanceCharge').map(allowanceCharge),
      };
    }),
    allowances: all(settlement, 'SpecifiedTradeAllowanceCharge').map(allowanceCharge),
    vatBreakdown: all(settlement, 'ApplicableTradeTax').map((t) => ({
      category: txt(t, 'CategoryCode'),
      rate: txt(t, 'RateApplicablePercent'),
      taxableAmount: txt(t, 'BasisAmount'),
      taxAmount: txt(t, 'CalculatedAmount'),
      exemptionReason: txt(t, 'ExemptionReason'),
      exemptionCode: txt(t, 'ExemptionReasonCode'),
    })),
    totals: {
      lineTotal: txt(sum, 'LineTotalAmount'),
      allowanceTotal: txt(sum, 'AllowanceTotalAmount'),
      chargeTotal: txt(sum, 'ChargeTotalAmount'),
      taxExclusive: txt(sum, 'TaxBasisTotalAmount'),
      taxTotal: txt(docTax),
      taxInclusive: txt(sum, 'GrandTotalAmount'),
      prepaid: txt(sum, 'TotalPrepaidAmount'),
      rounding: txt(sum, 'RoundingAmount'),
      payable: txt(sum, 'DuePayableAmount'),
    },
    payment: {
      meansCode: txt(means[0], 'TypeCode'),
      meansText: txt(means[0], 'Information'),
      remittance: txt(settlement, 'PaymentReference'),
      accounts: means.flatMap((m) =>
        all(m, 'PayeePartyCreditorFinancialAccount').map((a) => ({
          iban: txt(a, 'IBANID') || txt(a, 'ProprietaryID'),
          name: txt(a, 'AccountName'),
          bic: txt(m, 'PayeeSpecifiedCreditorFinancialInstitution/BICID'),
        })),
      ),
      mandate: txt(terms[0], 'DirectDebitMandateID'),
      debitedAccount: txt(means[0], 'PayerPartyDebtorFinancialAccount/IBANID'),
      card: txt(means[0], 'ApplicableTradeSettlementFinancialCard/ID'),
    },
  };
}

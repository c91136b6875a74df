import type { EAllowanceCharge, EInvoice, EParty } from './model';
import { all, attr, one, txt, type XNode } from './xml';

/** UBL 2.1 Invoice and CreditNote (EN 16931, Peppol BIS 3, XRechnung UBL) -> EInvoice. */

function party(p: XNode | undefined): EParty {
  const taxSchemes = all(p, 'PartyTaxScheme');
  const vat = taxSchemes.find((t) => txt(t, 'TaxScheme/ID').toUpperCase() === 'VAT');
  const other = taxSchemes.find((t) => txt(t, 'TaxScheme/ID').toUpperCase() !== 'VAT');
  const address = one(p, 'PostalAddress');
  const contact = one(p, 'Contact');
  const endpoint = one(p, 'EndpointID');
  const legal = one(p, 'PartyLegalEntity');
  return {
    name: txt(legal, 'RegistrationName') || txt(p, 'PartyName/Name'),
    tradingName: txt(legal, 'RegistrationName') ? txt(p, 'PartyName/Name') : '',
    vatId: txt(vat, 'CompanyID'),
    taxRegistrationId: txt(other, 'CompanyID'),
    legalId: txt(legal, 'CompanyID'),
    ids: all(p, 'PartyIdentification/ID')
      .map((n) => txt(n))
      .filter(Boolean),
    electronicAddress: endpoint ? { scheme: attr(endpoint, 'schemeID'), value: txt(endpoint) } : null,
    address: address
      ? {
          lines: [
            txt(address, 'StreetName'),
            txt(address, 'AdditionalStreetName'),
            ...all(address, 'AddressLine/Line').map((n) => txt(n)),
          ].filter(Boolean),
          city: txt(address, 'CityName'),
          postalCode: txt(address, 'PostalZone'),
          region: txt(address, 'CountrySubentity'),
          country: txt(address, 'Country/IdentificationCode'),
        }
      : null,
    contact: contact
      ? {
          name: txt(contact, 'Name'),
          phone: txt(contact, 'Telephone'),
          email: txt(contact, 'ElectronicMail'),
        }
      : null,
  };
}

function allowanceCharge(n: XNode): EAllowanceCharge {
  return {
    charge: txt(n, 'ChargeIndicator').toLowerCase() === 'true',
    amount: txt(n, 'Amount'),
    baseAmount: txt(n, 'BaseAmount'),
    percent: txt(n, 'MultiplierFactorNumeric'),
    reason: txt(n, 'AllowanceChargeReason'),
    reasonCode: txt(n, 'AllowanceChargeReasonCode'),
    vatCategory: txt(n, 'TaxCategory/ID'),
    vatRate: txt(n, 'TaxCategory/Percent'),
  };
}

function period(n: XNode | undefined): { start: string; end: string } | null {
  if (!n) return null;
  return { start: txt(n, 'StartDate'), end: txt(n, 'EndDate') };
}

export function parseUbl(root: string, doc: XNode): EInvoice {
  const credit = root === 'CreditNote';
  const lineTag = credit ? 'CreditNoteLine' : 'InvoiceLine';
  const qtyTag = credit ? 'CreditedQuantity' : 'InvoicedQuantity';
  const totals = one(doc, 'LegalMonetaryTotal');
  const taxTotals = all(doc, 'TaxTotal');
  const currency = txt(doc, 'DocumentCurrencyCode');
  // BT-110 is the TaxTotal in the document currency (BT-111 is the one in the tax currency).
  const docTax = taxTotals.find((t) => attr(one(t, 'TaxAmount'), 'currencyID') === currency) ?? taxTotals[0];
  const means = all(doc, 'PaymentMeans');
  const payee = one(doc, 'PayeeParty');
  const rep = one(doc, 'TaxRepresentativeParty');
  return {
    syntax: 'UBL',
    kind: credit ? 'credit_note' : 'invoice',
    typeCode: txt(doc, credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode'),
    customizationId: txt(doc, 'CustomizationID'),
    number: txt(doc, 'ID'),
    issueDate: txt(doc, 'IssueDate'),
    dueDate: txt(doc, 'DueDate') || txt(doc, 'PaymentMeans/PaymentDueDate'),
    currency,
    taxCurrency: txt(doc, 'TaxCurrencyCode'),
    buyerReference: txt(doc, 'BuyerReference'),
    orderReference: txt(doc, 'OrderReference/ID'),
    contractReference: txt(doc, 'ContractDocumentReference/ID'),
    precedingInvoice: txt(doc, 'BillingReference/InvoiceDocumentReference/ID'),
    paymentTerms: all(doc, 'PaymentTerms/Note')
      .map((n) => txt(n))
      .filter(Boolean)
      .join('\n'),
    notes: all(doc, 'Note')
      .map((n) => txt(n))
      .filter(Boolean),
    deliveryDate: txt(doc, 'Delivery/ActualDeliveryDate'),
    period: period(one(doc, 'InvoicePeriod')),
    seller: party(one(doc, 'AccountingSupplierParty/Party')),
    buyer: party(one(doc, 'AccountingCustomerParty/Party')),
    payee: payee ? party(payee) : null,
    sellerTaxRepresentative: rep ? party(rep) : null,
    lines: all(doc, lineTag).map((l) => {
      const item = one(l, 'Item');
      const price = one(l, 'Price');
      const priceAc = one(price, 'AllowanceCharge');
      const q = one(l, qtyTag);
      return {
        id: txt(l, 'ID'),
        name: txt(item, 'Name'),
        description: txt(item, 'Description'),
        note: txt(l, 'Note'),
        quantity: txt(q),
        unitCode: attr(q, 'unitCode'),
        netPrice: txt(price, 'PriceAmount'),
        grossPrice: txt(priceAc, 'BaseAmount'),
        priceBaseQuantity: txt(price, 'BaseQuantity'),
        netAmount: txt(l, 'LineExtensionAmount'),
        vatCategory: txt(item, 'ClassifiedTaxCategory/ID'),
        vatRate: txt(item, 'ClassifiedTaxCategory/Percent'),
        sellerItemId: txt(item, 'SellersItemIdentification/ID'),
        buyerItemId: txt(item, 'BuyersItemIdentification/ID'),
        standardItemId: txt(item, 'StandardItemIdentification/ID'),
        orderLineReference: txt(l, 'OrderLineReference/LineID'),
        period: period(one(l, 'InvoicePeriod')),
        allowances: all(l, 'AllowanceCharge').map(allowanceCharge),
      };
    }),
    allowances: all(doc, 'AllowanceCharge').map(allowanceCharge),
    vatBreakdown: all(docTax, 'TaxSubtotal').map((s) => ({
      category: txt(s, 'TaxCategory/ID'),
      rate: txt(s, 'TaxCategory/Percent'),
      taxableAmount: txt(s, 'TaxableAmount'),
      taxAmount: txt(s, 'TaxAmount'),
      exemptionReason: txt(s, 'TaxCategory/TaxExemptionReason'),
      exemptionCode: txt(s, 'TaxCategory/TaxExemptionReasonCode'),
    })),
    totals: {
      lineTotal: txt(totals, 'LineExtensionAmount'),
      allowanceTotal: txt(totals, 'AllowanceTotalAmount'),
      chargeTotal: txt(totals, 'ChargeTotalAmount'),
      taxExclusive: txt(totals, 'TaxExclusiveAmount'),
      taxTotal: txt(docTax, 'TaxAmount'),
      taxInclusive: txt(totals, 'TaxInclusiveAmount'),
      prepaid: txt(totals, 'PrepaidAmount'),
      rounding: txt(totals, 'PayableRoundingAmount'),
      payable: txt(totals, 'PayableAmount'),
    },
    payment: {
      meansCode: txt(means[0], 'PaymentMeansCode'),
      meansText: attr(one(means[0], 'PaymentMeansCode'), 'name'),
      remittance: txt(means[0], 'PaymentID'),
      accounts: means.flatMap((m) =>
        all(m, 'PayeeFinancialAccount').map((a) => ({
          iban: txt(a, 'ID'),
          name: txt(a, 'Name'),
          bic: txt(a, 'FinancialInstitutionBranch/ID'),
        })),
      ),
      mandate: txt(means[0], 'PaymentMandate/ID'),
      debitedAccount: txt(means[0], 'PaymentMandate/PayerFinancialAccount/ID'),
      card: txt(means[0], 'CardAccount/PrimaryAccountNumberID'),
    },
  };
}

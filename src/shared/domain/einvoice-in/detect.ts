import { parseCii } from './cii';
import type { EInvoice } from './model';
import { parseUbl } from './ubl';
import { EInvoiceFormatError, parseXml } from './xml';

const UBL_NS = {
  Invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  CreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
} as const;
const CII_NS = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';

/** The namespace the root element declares for its own prefix (or the default one), read from its start tag. */
function rootNamespace(text: string): string {
  const body = text.slice(0, 64 * 1024).replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '');
  const tag = /<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*([^>]*)>/.exec(body);
  if (!tag) return '';
  const prefix = tag[1] ? tag[1].slice(0, -1) : '';
  const decl = new RegExp(`xmlns${prefix ? ':' + prefix : ''}\\s*=\\s*["']([^"']*)["']`).exec(tag[2] ?? '');
  return decl?.[1] ?? '';
}

/**
 * Recognises the syntax from the content (root element and its namespace), never the file
 * name, and reads it. Throws EInvoiceFormatError with the rest of a sentence that starts with
 * the file's name.
 */
export function parseEInvoiceXml(text: string): EInvoice {
  const { root, node } = parseXml(text);
  const ns = rootNamespace(text);
  let invoice: EInvoice;
  if ((root === 'Invoice' || root === 'CreditNote') && ns === UBL_NS[root]) invoice = parseUbl(root, node);
  else if (root === 'CrossIndustryInvoice' && ns === CII_NS) invoice = parseCii(node);
  else if (root === 'CrossIndustryDocument')
    throw new EInvoiceFormatError(
      'is a ZUGFeRD 1.0 invoice. Folio reads ZUGFeRD 2 / Factur-X, XRechnung, Peppol and EN 16931 files; ask the vendor for a current format.',
    );
  else
    throw new EInvoiceFormatError(
      `is XML but not an e-invoice (its root element is <${root}>${ns ? ` in ${ns}` : ''}; expected a UBL Invoice or CreditNote, or a CII CrossIndustryInvoice).`,
    );
  const missing = [
    !invoice.number && 'the invoice number (BT-1)',
    !/^\d{4}-\d{2}-\d{2}$/.test(invoice.issueDate) && 'the issue date (BT-2)',
    !invoice.currency && 'the currency (BT-5)',
    !invoice.totals.payable && 'the amount due (BT-115)',
    !invoice.seller.name && 'the seller’s name (BT-27)',
  ].filter(Boolean);
  if (missing.length)
    throw new EInvoiceFormatError(
      `is an e-invoice without ${missing.join(', ')}, so no bill can be made from it.`,
    );
  return invoice;
}

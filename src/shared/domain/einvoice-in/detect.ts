import { msg } from '../../i18n';
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
    throw new EInvoiceFormatError(msg('einvoiceErrors.xml.zugferd1'));
  else
    throw new EInvoiceFormatError(
      ns
        ? msg('einvoiceErrors.xml.notEInvoiceNs', { element: `<${root}>`, namespace: ns })
        : msg('einvoiceErrors.xml.notEInvoice', { element: `<${root}>` }),
    );
  const missing = [
    !invoice.number && msg('einvoiceErrors.xml.missingNumber'),
    !/^\d{4}-\d{2}-\d{2}$/.test(invoice.issueDate) && msg('einvoiceErrors.xml.missingIssueDate'),
    !invoice.currency && msg('einvoiceErrors.xml.missingCurrency'),
    !invoice.totals.payable && msg('einvoiceErrors.xml.missingPayable'),
    !invoice.seller.name && msg('einvoiceErrors.xml.missingSeller'),
  ].filter(Boolean);
  if (missing.length)
    throw new EInvoiceFormatError(msg('einvoiceErrors.xml.missing', { fields: missing.join(', ') }));
  return invoice;
}

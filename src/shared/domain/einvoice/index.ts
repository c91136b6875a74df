import { isUbl, type EinvoiceFormat } from './codes';
import { buildEinvoice, type EinvoiceSource } from './model';
import { writeCii } from './cii';
import { writeUbl } from './ubl';

export { EinvoiceRefused, einvoiceProblems, type EinvoiceProblem, type EinvoiceSource } from './model';

/** The XML of a document in an e-invoice format (Factur-X gives its embedded CII). Throws EinvoiceRefused. */
export function einvoiceXml(src: EinvoiceSource, format: EinvoiceFormat): string {
  const model = buildEinvoice(src, format);
  return isUbl(format) ? writeUbl(model) : writeCii(model);
}

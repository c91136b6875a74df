import fs from 'node:fs';
import path from 'node:path';

/** The official validation artifacts (../shared/einvoice from the repository root, or FOLIO_EINVOICE_RULES). */
export function einvoiceRulesDir(): string {
  return process.env.FOLIO_EINVOICE_RULES ?? path.resolve(__dirname, '..', '..', '..', 'shared', 'einvoice');
}

export function einvoiceExamples(): string[] {
  const root = path.join(einvoiceRulesDir(), 'en16931');
  return ['ubl', 'cii'].flatMap((s) => {
    const dir = path.join(root, s, 'examples');
    return fs
      .readdirSync(dir)
      .filter((f) => /\.xml$/i.test(f))
      .sort()
      .map((f) => path.join(dir, f));
  });
}

/**
 * BT-109, BT-110, BT-115, BT-31 and the number of lines, read from the file with regular
 * expressions: independent of the parser under test.
 */
export function readBT(xml: string): {
  bt109: string;
  bt110: string;
  bt115: string;
  bt31: string;
  lines: number;
} {
  const get = (re: RegExp) => re.exec(xml)?.[1]?.trim() ?? '';
  if (xml.includes('CrossIndustryInvoice')) {
    const currency = get(/<ram:InvoiceCurrencyCode>([^<]+)</);
    const taxes = [...xml.matchAll(/<ram:TaxTotalAmount(?:\s+currencyID="([^"]*)")?>([^<]+)</g)];
    const tax = taxes.find((m) => !m[1] || m[1] === currency)?.[2] ?? '';
    const seller = xml.slice(xml.indexOf('<ram:SellerTradeParty'), xml.indexOf('</ram:SellerTradeParty>'));
    return {
      bt109: get(/<ram:TaxBasisTotalAmount>([^<]+)</),
      bt110: tax.trim(),
      bt115: get(/<ram:DuePayableAmount>([^<]+)</),
      bt31: /<ram:ID schemeID="VA">([^<]+)</.exec(seller)?.[1]?.trim() ?? '',
      lines: (xml.match(/<ram:IncludedSupplyChainTradeLineItem>/g) ?? []).length,
    };
  }
  const currency = get(/<cbc:DocumentCurrencyCode[^>]*>([^<]+)</);
  const taxes = [...xml.matchAll(/<cac:TaxTotal>\s*<cbc:TaxAmount currencyID="([^"]*)">([^<]+)</g)];
  const supplier = xml.slice(
    xml.indexOf('<cac:AccountingSupplierParty>'),
    xml.indexOf('</cac:AccountingSupplierParty>'),
  );
  const vat = [...supplier.matchAll(/<cac:PartyTaxScheme>([\s\S]*?)<\/cac:PartyTaxScheme>/g)].find((m) =>
    /<cac:TaxScheme>\s*<cbc:ID>VAT</.test(m[1]!),
  );
  return {
    bt109: get(/<cbc:TaxExclusiveAmount[^>]*>([^<]+)</),
    bt110: (taxes.find((m) => m[1] === currency)?.[2] ?? '').trim(),
    bt115: get(/<cbc:PayableAmount[^>]*>([^<]+)</),
    bt31: vat ? (/<cbc:CompanyID>([^<]+)</.exec(vat[1]!)?.[1]?.trim() ?? '') : '',
    lines: (xml.match(/<cac:(?:Invoice|CreditNote)Line>/g) ?? []).length,
  };
}

/**
 * A small Factur-X-style PDF: one page of text and the given XML files embedded (EmbeddedFiles
 * name tree and /AF, as pdfkit writes them). Built here because no official Factur-X sample
 * is in the repository.
 */
export async function facturxPdf(
  attachments: { name: string; xml: Buffer | string }[],
  pageText = 'Invoice (Factur-X)',
): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date('2024-01-01T00:00:00Z') } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(14).text(pageText, 72, 72);
  for (const a of attachments) {
    (doc as unknown as { file(src: Buffer, opts: object): void }).file(Buffer.from(a.xml), {
      name: a.name,
      type: 'text/xml',
      description: 'Factur-X invoice',
      relationship: 'Alternative',
      creationDate: new Date('2024-01-01T00:00:00Z'),
      modifiedDate: new Date('2024-01-01T00:00:00Z'),
    });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

export const examplePath = (syntax: 'ubl' | 'cii', name: string) =>
  path.join(einvoiceRulesDir(), 'en16931', syntax, 'examples', name);

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './tmp';

/**
 * The official e-invoice rules as a test oracle: ../shared/einvoice beside the repository (or
 * FOLIO_EINVOICE_RULES), run by Saxon-HE for Java once per batch of files (directory mode),
 * so a whole matrix costs one JVM start.
 */
const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const RULES_DIR =
  process.env.FOLIO_EINVOICE_RULES ?? path.resolve(REPO_ROOT, '..', 'shared', 'einvoice');
export const SAXON_JAR = process.env.FOLIO_SAXON_JAR ?? '/usr/share/java/Saxon-HE.jar';

export const EN16931_CII_XSLT = path.join(RULES_DIR, 'en16931/cii/xslt/EN16931-CII-validation.xslt');
export const EN16931_UBL_XSLT = path.join(RULES_DIR, 'en16931/ubl/xslt/EN16931-UBL-validation.xslt');
export const CII_XSD = path.join(
  RULES_DIR,
  'en16931/cii/schema/D16B SCRDM (Subset)/uncoupled clm/CII/uncefact/data/standard/CrossIndustryInvoice_100pD16B.xsd',
);

export interface Failure {
  id: string;
  flag: string;
  text: string;
  location: string;
}

export function haveSaxon(): boolean {
  return fs.existsSync(SAXON_JAR) && fs.existsSync(EN16931_CII_XSLT);
}

/** Runs one XSLT (a compiled schematron) over many files; returns the fatal failed asserts per file name. */
export function runSchematron(
  xslt: string,
  files: Record<string, string>,
  { warnings = false }: { warnings?: boolean } = {},
): Record<string, Failure[]> {
  const tmp = tempDir();
  try {
    const inDir = path.join(tmp.dir, 'in');
    const outDir = path.join(tmp.dir, 'out');
    fs.mkdirSync(inDir);
    fs.mkdirSync(outDir);
    for (const [name, xml] of Object.entries(files)) fs.writeFileSync(path.join(inDir, name), xml);
    execFileSync(
      'java',
      ['-cp', SAXON_JAR, 'net.sf.saxon.Transform', `-s:${inDir}`, `-o:${outDir}`, `-xsl:${xslt}`],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const out: Record<string, Failure[]> = {};
    for (const name of Object.keys(files)) {
      const svrl = fs.readFileSync(path.join(outDir, name), 'utf8');
      out[name] = failedAsserts(svrl).filter((f) => warnings || f.flag === '' || f.flag === 'fatal');
    }
    return out;
  } finally {
    tmp.cleanup();
  }
}

export function failedAsserts(svrl: string): Failure[] {
  const out: Failure[] = [];
  const re = /<svrl:failed-assert\b([^>]*)>([\s\S]*?)<\/svrl:failed-assert>/g;
  for (const m of svrl.matchAll(re)) {
    const attrs = m[1]!;
    const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(attrs)?.[1] ?? '';
    const text = /<svrl:text>([\s\S]*?)<\/svrl:text>/.exec(m[2]!)?.[1]?.trim() ?? '';
    out.push({ id: attr('id'), flag: attr('flag'), text, location: attr('location') });
  }
  return out;
}

/** Validates CII files against the UN/CEFACT D16B XSD (xmllint compiled to WebAssembly; no system tools). */
export async function validateCiiXsd(files: Record<string, string>): Promise<string[]> {
  const { validateXML, memoryPages } = await import('xmllint-wasm');
  const dir = path.dirname(CII_XSD);
  const read = (f: string) => ({ fileName: f, contents: fs.readFileSync(path.join(dir, f), 'utf8') });
  const result = await validateXML({
    xml: Object.entries(files).map(([fileName, contents]) => ({ fileName, contents })),
    schema: [read(path.basename(CII_XSD))],
    preload: [
      read('CrossIndustryInvoice_QualifiedDataType_100pD16B.xsd'),
      read('CrossIndustryInvoice_ReusableAggregateBusinessInformationEntity_100pD16B.xsd'),
      read('CrossIndustryInvoice_UnqualifiedDataType_100pD16B.xsd'),
    ],
    maxMemoryPages: memoryPages.GiB,
  });
  return result.errors.map((e) => e.rawMessage);
}

// Reading the official examples (e-invoices in).

/** The official validation artifacts (../shared/einvoice from the repository root, or FOLIO_EINVOICE_RULES). */
export function einvoiceRulesDir(): string {
  return RULES_DIR;
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

/**
 * Broken copies of an e-invoice, so rules fire: for every `stride`-th element with only text in
 * it, one copy without that element, one with its text changed (a number a little off, a code
 * another code of the VAT category list, other text "X") and, in turn, an attribute UBL's
 * syntax rules forbid anywhere in the file (`not(//@schemeName)`, …) added to it; in UBL the
 * copy without the element has, in its place, one the syntax rules forbid there.
 * Deterministic: the same copies each run.
 */
export function brokenCopies(xml: string, stride = 9): string[] {
  const leaves = [...xml.matchAll(/<([A-Za-z][\w.-]*:[\w.-]+)(\s[^>]*)?>([^<]*)<\/\1>/g)];
  const out: string[] = [];
  const codes = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'];
  const unwantedUbl = [
    'UUID',
    'WebsiteURI',
    'TaxPointDate',
    'Percent',
    'DocumentTypeCode',
    'MarkAttentionIndicator',
  ];
  const forbidden = ['schemeName', 'listURI', 'unitCodeListID', 'schemeAgencyName', 'languageID', 'format'];
  leaves.forEach((m, i) => {
    if (i % stride !== 0) return;
    const at = m.index;
    const [whole, name, attrs = '', text] = m as unknown as [string, string, string | undefined, string];
    const put = (s: string) => xml.slice(0, at) + s + xml.slice(at + whole.length);
    // In UBL, an element its syntax rules forbid where the removed one was (`not(cbc:UUID)`,
    // `not(cac:AccountingSupplierParty/cac:Party/cbc:WebsiteURI)`, …).
    const unwanted = unwantedUbl[(i / stride) % unwantedUbl.length]!;
    out.push(put(name.startsWith('cbc:') ? `<cbc:${unwanted}>X</cbc:${unwanted}>` : ''));
    const t = text.trim();
    const changed = /^-?\d+(\.\d+)?$/.test(t)
      ? (Number(t) + 1.37).toFixed(2)
      : codes.includes(t)
        ? codes[(codes.indexOf(t) + 1 + (i % (codes.length - 1))) % codes.length]!
        : 'X';
    const extra = ` ${forbidden[(i / stride) % forbidden.length]}="X"`;
    out.push(
      put(`<${name}${attrs.includes(extra.split('=')[0]!) ? attrs : attrs + extra}>${changed}</${name}>`),
    );
  });
  return out;
}

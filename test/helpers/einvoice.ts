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
export function runSchematron(xslt: string, files: Record<string, string>): Record<string, Failure[]> {
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
      out[name] = failedAsserts(svrl).filter((f) => f.flag === '' || f.flag === 'fatal');
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

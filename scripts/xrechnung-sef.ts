// Compiles the KoSIT XRechnung schematron (../shared/einvoice/xrechnung, or FOLIO_EINVOICE_RULES)
// to SaxonJS SEF files in assets/einvoice/, so the app checks XRechnung files without Java.
// Two steps, both in Node: the schematron becomes XSLT 2.0 (the ISO Schematron subset the
// XRechnung rules use, test/helpers/schematron.ts, the same compiler the e-invoices-out tests
// use with Saxon-HE for Java), then xslt3 (a dev dependency) exports it as SEF.
// Run it again when the rules are updated: npx tsx scripts/xrechnung-sef.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileSchematron } from '../test/helpers/schematron';

const root = path.resolve(__dirname, '..');
const rules = process.env.FOLIO_EINVOICE_RULES ?? path.resolve(root, '..', 'shared', 'einvoice');
const out = path.join(root, 'assets', 'einvoice');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-xrechnung-'));
fs.mkdirSync(out, { recursive: true });
try {
  for (const syntax of ['UBL', 'CII']) {
    const sch = path.join(
      rules,
      'xrechnung',
      'src',
      'validation',
      'schematron',
      syntax.toLowerCase(),
      `XRechnung-${syntax}-validation.sch`,
    );
    const xsl = path.join(tmp, `XRechnung-${syntax}-validation.xslt`);
    fs.writeFileSync(xsl, compileSchematron(sch));
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'xslt3', 'xslt3.js'),
        `-xsl:${xsl}`,
        `-export:${path.join(out, `XRechnung-${syntax}-validation.sef.json`)}`,
        '-nogo',
        '-relocate:on',
        '-ns:##html5',
      ],
      { stdio: 'inherit' },
    );
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
const license = path.join(out, 'LICENSE-XRechnung-Apache-2.0.txt');
fs.copyFileSync(path.join(rules, 'xrechnung', 'LICENSE'), license);
fs.chmodSync(license, 0o644);
console.log(`XRechnung SEF files written to ${out}`);

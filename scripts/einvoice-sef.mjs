// Compiles the official EN 16931 validation XSLT (../shared/einvoice, or FOLIO_EINVOICE_RULES)
// to SaxonJS SEF files in assets/einvoice/, once, with xslt3 (a dev dependency). Run it again
// when the rules are updated: node scripts/einvoice-sef.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rules = process.env.FOLIO_EINVOICE_RULES ?? path.resolve(root, '..', 'shared', 'einvoice');
const out = path.join(root, 'assets', 'einvoice');
fs.mkdirSync(out, { recursive: true });
for (const [syntax, name] of [
  ['ubl', 'EN16931-UBL-validation'],
  ['cii', 'EN16931-CII-validation'],
]) {
  const xsl = path.join(rules, 'en16931', syntax, 'xslt', `${name}.xslt`);
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'xslt3', 'xslt3.js'),
      `-xsl:${xsl}`,
      `-export:${path.join(out, `${name}.sef.json`)}`,
      '-nogo',
      '-relocate:on',
      '-ns:##html5',
    ],
    { stdio: 'inherit' },
  );
}
fs.copyFileSync(path.join(rules, 'en16931', 'LICENSE.txt'), path.join(out, 'LICENSE-EUPL-1.2.txt'));
console.log(`SEF files written to ${out}`);

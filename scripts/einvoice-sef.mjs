// Compiles the official EN 16931 validation XSLT (../shared/einvoice, or FOLIO_EINVOICE_RULES)
// to SaxonJS SEF files in assets/einvoice/, once, with xslt3 (a dev dependency). Run it again
// when the rules are updated: node scripts/einvoice-sef.mjs
//
// The official XSLT is wrapped in a small stylesheet that imports it unchanged and checks many
// files in one transformation (the named initial template reads the files' XML from the `docs`
// parameter and writes one <file> with the SVRL of each, in order): SaxonJS spends about a
// third of a one-file run preparing the stylesheet, which a batch pays once.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rules = process.env.FOLIO_EINVOICE_RULES ?? path.resolve(root, '..', 'shared', 'einvoice');
const out = path.join(root, 'assets', 'einvoice');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-sef-'));
fs.mkdirSync(out, { recursive: true });
try {
  for (const [syntax, name] of [
    ['ubl', 'EN16931-UBL-validation'],
    ['cii', 'EN16931-CII-validation'],
  ]) {
    const xsl = path.join(rules, 'en16931', syntax, 'xslt', `${name}.xslt`);
    const wrapper = path.join(tmp, `${name}-batch.xslt`);
    fs.writeFileSync(
      wrapper,
      `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" exclude-result-prefixes="#all">
  <xsl:import href="${pathToFileURL(xsl).href}"/>
  <xsl:param name="docs" as="xs:string*" select="()"/>
  <xsl:template name="xsl:initial-template">
    <batch>
      <xsl:for-each select="$docs">
        <file><xsl:apply-templates select="parse-xml(.)"/></file>
      </xsl:for-each>
    </batch>
  </xsl:template>
</xsl:stylesheet>
`,
    );
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'xslt3', 'xslt3.js'),
        `-xsl:${wrapper}`,
        `-export:${path.join(out, `${name}.sef.json`)}`,
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
fs.copyFileSync(path.join(rules, 'en16931', 'LICENSE.txt'), path.join(out, 'LICENSE-EUPL-1.2.txt'));
console.log(`SEF files written to ${out}`);

// Compiles the official EN 16931 validation XSLT (../shared/einvoice, or FOLIO_EINVOICE_RULES)
// to SaxonJS SEF files in assets/einvoice/, once, with xslt3 (a dev dependency). Run it again
// when the rules are updated: node scripts/einvoice-sef.mjs
//
// The official XSLT is wrapped in a small stylesheet that imports it unchanged and checks many
// files in one transformation (the named initial template reads the files' XML from the `docs`
// parameter and writes one <file> with the failed asserts of each, in order): SaxonJS spends
// about a third of a one-file run preparing the stylesheet, which a batch pays once.
//
// The wrapper also spares work whose result is thrown away, without touching a rule:
// - each file's SVRL is built in memory and only its svrl:failed-assert and
//   svrl:successful-report elements are written out (the ~120 svrl:fired-rule elements per
//   file were serialized and parsed again for nothing);
// - the pattern modes (M10, M11, ... one per schematron pattern) walk every attribute of the
//   file and try every rule on it; no rule of these patterns matches an attribute (checked
//   below: the build stops if one ever does), so attributes are skipped in those modes;
// - the root template also walks the whole file three times in the default mode, where the
//   official XSLT has no template for elements (checked below) and text is dropped: the wrapper
//   stops that walk at the first element.
// Which rules fire, their flags, texts and locations are unchanged; the integration test
// einvoice-rules-batch compares the findings of every official example with Saxon-HE for Java.
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
    const source = fs.readFileSync(xsl, 'utf8');
    const templates = [...source.matchAll(/<xsl:template\b([^>]*)>/g)].map((m) => ({
      match: /\bmatch="([^"]*)"/.exec(m[1])?.[1] ?? null,
      mode: /\bmode="([^"]*)"/.exec(m[1])?.[1] ?? null,
    }));
    const modes = [...new Set(templates.map((t) => t.mode).filter((m) => m && /^M\d+$/.test(m)))];
    if (modes.length === 0) throw new Error(`${name}: no pattern modes (M<n>) found`);
    // A rule whose context could be an attribute: its last step names one.
    const onAttribute = templates.filter(
      (t) =>
        t.mode &&
        modes.includes(t.mode) &&
        t.match !== '@*|node()' &&
        t.match
          .split('|')
          .some((alt) => /(^|\/)\s*(@|attribute::)[^/]*$/.test(alt.replace(/\[[^\]]*\]/g, '').trim())),
    );
    if (onAttribute.length)
      throw new Error(`${name}: a rule matches attributes: ${onAttribute.map((t) => t.match).join(', ')}`);
    const defaultMode = templates.filter((t) => t.match && !t.mode).map((t) => t.match);
    if (defaultMode.some((m) => m !== '/' && m !== 'text()'))
      throw new Error(`${name}: the default mode has templates for ${defaultMode.join(', ')}`);
    const wrapper = path.join(tmp, `${name}-batch.xslt`);
    fs.writeFileSync(
      wrapper,
      `<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
    exclude-result-prefixes="#all">
  <xsl:import href="${pathToFileURL(xsl).href}"/>
  <xsl:output method="xml" indent="no"/>
  <xsl:param name="docs" as="xs:string*" select="()"/>
  <xsl:template name="xsl:initial-template">
    <batch>
      <xsl:for-each select="$docs">
        <xsl:variable name="svrl"><xsl:apply-templates select="parse-xml(.)"/></xsl:variable>
        <file><xsl:copy-of select="$svrl//(svrl:failed-assert | svrl:successful-report)" copy-namespaces="no"/></file>
      </xsl:for-each>
    </batch>
  </xsl:template>
  <xsl:template match="@*" mode="${modes.join(' ')}"/>
  <xsl:template match="*"/>
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

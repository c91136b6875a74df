import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRulesBatch, validateEn16931Batch } from '../../src/main/services/einvoice/validate';
import {
  EN16931_CII_XSLT,
  EN16931_UBL_XSLT,
  einvoiceExamples,
  haveSaxon,
  runSchematron,
} from '../helpers/einvoice';

/**
 * The EN 16931 rules run many files per SaxonJS transformation (the shipped SEF wraps the
 * official XSLT). Each file's findings must be what the official XSLT gives for it alone, run
 * by Saxon-HE for Java (the oracle), and one file that stops the transformation must not cost
 * the others their findings.
 */
const examples = (syntax: 'UBL' | 'CII') =>
  Object.fromEntries(
    einvoiceExamples()
      .map((f) => [path.basename(f), fs.readFileSync(f, 'utf8')] as const)
      .filter(([, xml]) => xml.includes('CrossIndustryInvoice') === (syntax === 'CII')),
  );

/** The file with its sum of line amounts (BT-106) one unit higher. */
function broken(xml: string, syntax: 'UBL' | 'CII'): string {
  const re =
    syntax === 'UBL'
      ? /(<cac:LegalMonetaryTotal>\s*<cbc:LineExtensionAmount[^>]*>)([^<]+)</
      : /(<ram:LineTotalAmount>)([^<]+)</;
  const m = re.exec(xml)!;
  return xml.replace(m[0], `${m[1]}${(Number(m[2]) + 1).toFixed(2)}<`);
}

describe('EN 16931 rules in batches', () => {
  for (const syntax of ['UBL', 'CII'] as const) {
    it.skipIf(!haveSaxon())(
      `every official ${syntax} example in one run: the rule ids (fatal and warnings) Saxon-HE for Java finds in each file alone`,
      { timeout: 300_000 },
      () => {
        // Saxon's directory mode wants .xml names: each file under its index. The first file is
        // also added with its sum of line amounts (BT-106) off by one, so BR-CO-10 must fail.
        const list = Object.values(examples(syntax));
        const files = Object.fromEntries(
          [...list, broken(list[0]!, syntax)].map((xml, i) => [`${i}.xml`, xml]),
        );
        const names = Object.keys(files);
        const batch = validateEn16931Batch(
          names.map((n) => files[n]!),
          syntax,
        );
        const oracle = runSchematron(syntax === 'UBL' ? EN16931_UBL_XSLT : EN16931_CII_XSLT, files, {
          warnings: true,
        });
        const ids = (list: { id: string }[]) => [...new Set(list.map((f) => f.id))].sort();
        const fatal = (f: { flag: string }) => f.flag === '' || f.flag === 'fatal';
        names.forEach((n, i) => {
          expect(ids(batch[i]!.filter((f) => f.severity === 'fatal')), n).toEqual(
            ids(oracle[n]!.filter(fatal)),
          );
          // The warnings too (SaxonJS runs with faster tree steps, and the wrapper skips walks
          // that cannot fire a rule: nothing may change).
          expect(ids(batch[i]!.filter((f) => f.severity === 'warning')), n).toEqual(
            ids(oracle[n]!.filter((f) => !fatal(f))),
          );
        });
        // Not a comparison of empty lists: every file has at least its warnings.
        expect(
          batch.every((f) => f.length > 0) || batch.some((f) => f.some((x) => x.severity === 'fatal')),
        ).toBe(true);
      },
    );
  }

  it('a file that stops the run fails alone; the others keep their findings', { timeout: 120_000 }, () => {
    const files = Object.values(examples('UBL')).slice(0, 3);
    const broken =
      '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><unclosed></Invoice>';
    const results = checkRulesBatch(
      [files[0]!, broken, files[1]!, files[2]!].map((xml) => ({ xml })),
      'UBL',
    );
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true]);
    const alone = validateEn16931Batch([files[1]!], 'UBL')[0];
    expect(results[2]).toEqual({ ok: true, findings: alone });
  });
});

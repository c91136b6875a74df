import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engine, SEF_FILES, stylesheet, type Speedups } from '../../src/main/services/einvoice/validate';
import { brokenCopies, einvoiceExamples } from '../helpers/einvoice';

/**
 * The EN 16931 rules run with SaxonJS sped up (validate.ts, `speedUp`): each whole-file
 * expression evaluated once per file (`lift`), `//name[…]` found through a per-file list of
 * elements by name (`scans`). Each, and both, must give exactly SaxonJS's own answer: the same
 * failed asserts and warnings, with the same texts and locations, in the same order, and the
 * same errors, for every official example and for broken copies of each (an element removed, a
 * value changed), so that rules fire.
 */
const OFF: Speedups = { lift: false, scans: false };
const WAYS: Speedups[] = [
  { lift: true, scans: true },
  { lift: false, scans: true },
  { lift: true, scans: false },
];
const INITIAL_TEMPLATE = 'Q{http://www.w3.org/1999/XSL/Transform}initial-template';

function run(docs: string[], syntax: 'UBL' | 'CII', speedups: Speedups): string {
  try {
    return engine().transform(
      {
        stylesheetInternal: stylesheet(SEF_FILES[syntax], speedups),
        initialTemplate: INITIAL_TEMPLATE,
        stylesheetParams: { docs },
        destination: 'serialized',
      },
      'sync',
    ).principalResult as string;
  } catch (e) {
    return `error: ${e instanceof Error ? e.message : String(e)}`;
  }
}

describe('EN 16931 rules on SaxonJS sped up', () => {
  for (const syntax of ['UBL', 'CII'] as const) {
    it(
      `every official ${syntax} example and broken copies of each: SaxonJS’s own findings, texts, locations and errors`,
      { timeout: 600_000 },
      () => {
        const examples = einvoiceExamples()
          .map((f) => fs.readFileSync(f, 'utf8'))
          .filter((xml) => xml.includes('CrossIndustryInvoice') === (syntax === 'CII'));
        const files = examples.flatMap((xml) => [xml, ...brokenCopies(xml, 13)]);
        let asserts = 0;
        let errors = 0;
        for (let k = 0; k < files.length; k += 20) {
          const chunk = files.slice(k, k + 20);
          const plain = run(chunk, syntax, OFF);
          if (!plain.startsWith('error:')) {
            for (const way of WAYS) expect(run(chunk, syntax, way), JSON.stringify(way)).toBe(plain);
            asserts += plain.split('<svrl:failed-assert').length - 1;
            continue;
          }
          // A file that stops the run: each alone, so the others are compared too.
          for (const xml of chunk) {
            const alone = run([xml], syntax, OFF);
            for (const way of WAYS) expect(run([xml], syntax, way), JSON.stringify(way)).toBe(alone);
            if (alone.startsWith('error:')) errors++;
            else asserts += alone.split('<svrl:failed-assert').length - 1;
          }
        }
        // Not a comparison of empty reports: many rules fired, and some files stopped the run.
        expect(files.length).toBeGreaterThan(100);
        expect(asserts).toBeGreaterThan(200);
        console.log(
          `${syntax}: ${files.length} files, ${asserts} failed asserts, ${errors} files stopping the run`,
        );
      },
    );
  }
});

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engine, SEF_FILES, stylesheet, type Speedups } from '../../src/main/services/einvoice/validate';
import { brokenCopies, einvoiceExamples } from '../helpers/einvoice';

/**
 * The EN 16931 rules run with SaxonJS sped up (validate.ts, `speedUp`): each whole-file
 * expression evaluated once per file (`lift`), `//name[…]` and `//@name` found through per-file
 * lists of elements and attributes by name (`scans`), `@*|*` listed without sorting a union
 * (`children`), `name` steps through a per-node list of children by name (`steps`). Each, and all
 * together, must give exactly SaxonJS's own answer: the same
 * failed asserts and warnings, with the same texts and locations, in the same order, and the
 * same errors, for every official example and for broken copies of each (an element removed, a
 * value changed), so that rules fire.
 */
const OFF: Speedups = { lift: false, scans: false, children: false, steps: false };
const ALL: Speedups = { lift: true, scans: true, children: true, steps: true };
/** Each alone, in turn on every fourth chunk of files (all together on every chunk). */
const EACH: Speedups[] = [
  { ...OFF, lift: true },
  { ...OFF, scans: true },
  { ...OFF, children: true },
  { ...OFF, steps: true },
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
      { timeout: 1_200_000 },
      () => {
        const examples = einvoiceExamples()
          .map((f) => fs.readFileSync(f, 'utf8'))
          .filter((xml) => xml.includes('CrossIndustryInvoice') === (syntax === 'CII'));
        const files = examples.flatMap((xml) => [xml, ...brokenCopies(xml, 17)]);
        let asserts = 0;
        let errors = 0;
        for (let k = 0; k < files.length; k += 20) {
          const chunk = files.slice(k, k + 20);
          const ways = [ALL, EACH[(k / 20) % EACH.length]!];
          const plain = run(chunk, syntax, OFF);
          if (!plain.startsWith('error:')) {
            for (const way of ways) expect(run(chunk, syntax, way), JSON.stringify(way)).toBe(plain);
            asserts += plain.split('<svrl:failed-assert').length - 1;
            continue;
          }
          // A file that stops the run: each alone, so the others are compared too.
          for (const xml of chunk) {
            const alone = run([xml], syntax, OFF);
            for (const way of ways) expect(run([xml], syntax, way), JSON.stringify(way)).toBe(alone);
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

  it('`@*|*` is each element’s attributes, as SaxonJS lists them, then its child elements: every element of every example', () => {
    const saxon = engine() as unknown as {
      XPath: { evaluate(expr: string, ctx: null, options: object): unknown };
    };
    for (const file of einvoiceExamples()) {
      const same = saxon.XPath.evaluate(
        `let $d := parse-xml($x) return every $e in $d//* satisfies (
           let $u := $e/(@*|*), $c := ($e/@*, $e/*)
           return count($u) = count($c) and (every $i in 1 to count($u) satisfies $u[$i] is $c[$i]))`,
        null,
        { params: { x: fs.readFileSync(file, 'utf8') } },
      );
      expect(same, file).toBe(true);
    }
  });
});

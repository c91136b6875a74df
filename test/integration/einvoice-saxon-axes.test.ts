import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engine, originalAxes } from '../../src/main/services/einvoice/validate';
import { einvoiceExamples } from '../helpers/einvoice';

/**
 * The EN 16931 rules run on SaxonJS with two tree steps done the plain way (validate.ts,
 * `fasterAxes`): the descendant axes listed in one pass, and each element's QName built once.
 * They must give exactly SaxonJS's own answer: the same nodes in the same order, the same
 * names, for every node of every official example.
 */
type Iter = { next(): unknown };
type Dom = {
  Ch: Record<string, (n: unknown) => Iter>;
  X: (n: unknown) => { equals(o: unknown): boolean; prefix: string };
};

const list = (it: Iter): unknown[] => {
  const out: unknown[] = [];
  for (let n = it.next(); n !== null; n = it.next()) out.push(n);
  return out;
};
const same = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((n, i) => n === b[i]);

describe('SaxonJS tree steps used by the e-invoice rules', () => {
  it('descendant, descendant-or-self and element names are SaxonJS’s own for every node of every example', () => {
    const saxon = engine() as unknown as {
      internals: { DomUtils: Dom };
      XPath: { evaluate(expr: string, ctx: null, options: object): unknown };
    };
    const dom = saxon.internals.DomUtils;
    expect(originalAxes.descendant, 'the faster axes are in place').toBeTypeOf('function');
    expect(dom.Ch.descendant).not.toBe(originalAxes.descendant);
    let nodes = 0;
    for (const file of einvoiceExamples()) {
      const name = path.basename(file);
      const doc = saxon.XPath.evaluate('parse-xml($x)', null, {
        params: { x: fs.readFileSync(file, 'utf8') },
      });
      const all = list(originalAxes.descendantOrSelf!(doc));
      // Attributes too: their descendant axes are empty in both.
      const attributes = all.flatMap((n) => list(dom.Ch.attribute!(n)));
      for (const n of [...all, ...attributes]) {
        expect(same(list(dom.Ch.descendant!(n)), list(originalAxes.descendant!(n))), name).toBe(true);
        expect(
          same(list(dom.Ch['descendant-or-self']!(n)), list(originalAxes.descendantOrSelf!(n))),
          name,
        ).toBe(true);
        if ((n as { nodeType: number }).nodeType === 1) {
          const mine = dom.X(n);
          const theirs = originalAxes.nameOf!(n) as { equals(o: unknown): boolean; prefix: string };
          expect(mine.equals(theirs) && mine.prefix === theirs.prefix, name).toBe(true);
          expect(dom.X(n)).toBe(mine);
        }
        nodes++;
      }
    }
    expect(nodes).toBeGreaterThan(5000);
  });
});

import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { EInvoiceSyntax } from '../../../shared/domain/einvoice-in/model';
import { rawFinding, type RawFinding } from '../../../shared/domain/einvoice-in/rules';
import { all, attr, parseXml, txt } from '../../../shared/domain/einvoice-in/xml';
import { findUp } from '../../pdf/assets';

/**
 * EN 16931 validation at runtime: the official compiled XSLT (CEN, EUPL 1.2), exported once to
 * SaxonJS's SEF format by `scripts/einvoice-sef.mjs` and shipped in `assets/einvoice/`, run by
 * SaxonJS (no Java). The SVRL it produces lists each failed rule; `fatal` (or no flag) is a
 * rule failure, `warning` is advice. Each stylesheet is loaded once per process (~0.1 s).
 * The shipped SEF wraps the official XSLT so that one transformation checks many files
 * (`validateEn16931Batch`): SaxonJS prepares the stylesheet on every transformation, about a
 * third of a one-file run, so a batch pays it once; it writes only each file's failed asserts
 * (see `scripts/einvoice-sef.mjs`). Findings come back raw (rule id, flag, official text,
 * location): they are put in words on the main side, in the importing person's language
 * (`findingsInWords`).
 */
export const SEF_FILES: Record<EInvoiceSyntax, string> = {
  UBL: 'assets/einvoice/EN16931-UBL-validation.sef.json',
  CII: 'assets/einvoice/EN16931-CII-validation.sef.json',
};

/**
 * The KoSIT XRechnung 3.0 CIUS rules (Apache 2.0), compiled from their schematron to SEF by
 * `scripts/xrechnung-sef.ts`: run, in addition to EN 16931, on files that claim XRechnung.
 */
export const XRECHNUNG_SEF_FILES: Record<EInvoiceSyntax, string> = {
  UBL: 'assets/einvoice/XRechnung-UBL-validation.sef.json',
  CII: 'assets/einvoice/XRechnung-CII-validation.sef.json',
};

/** A file claims XRechnung when its specification identifier (BT-24) names it. */
export function claimsXRechnung(customizationId: string): boolean {
  return /xrechnung/i.test(customizationId);
}

type Saxon = typeof import('saxon-js').default;
let saxon: Saxon | null = null;
const stylesheets = new Map<string, unknown>();

export function engine(): Saxon {
  // Loaded on first use: SaxonJS is ~2 MB of JavaScript that only imports need.
  if (!saxon) {
    saxon = createRequire(__filename)('saxon-js') as Saxon;
    if (process.env.FOLIO_SAXON_AXES !== 'original') fasterAxes(saxon);
  }
  return saxon;
}

interface SaxonIterator {
  next(): unknown;
}
interface SaxonDom {
  Ch: Record<string, (node: unknown) => SaxonIterator>;
  X: (node: unknown) => unknown;
}

/** SaxonJS's own descendant axes and element names, kept for the test that compares them. */
export const originalAxes: {
  descendant?: SaxonDom['Ch'][string];
  descendantOrSelf?: SaxonDom['Ch'][string];
  nameOf?: SaxonDom['X'];
} = {};

/**
 * Two of SaxonJS's tree steps, done the plain way (a quarter of the rules' time, measured):
 * the official rules scan the whole file (`//cac:TaxCategory[…]`) hundreds of times per file,
 * and SaxonJS walks a descendant axis as a chain of nested iterators (one per level), then
 * tests each element's name by building a QName of it (checking its prefix and local name
 * against the NCName regular expression) every time. Here the descendants are listed in one
 * pass in document order (from SaxonJS's own child axis), once per parsed file for scans from
 * its root, and each element's QName is built once and kept on the node (an element's name
 * never changes). Same nodes, same order, same
 * names: the rules and their results are unchanged (tests compare the axes node by node and
 * the findings with Saxon-HE for Java). When a SaxonJS version has these internals elsewhere,
 * nothing is changed. FOLIO_SAXON_AXES=original turns it off (to measure).
 */
function fasterAxes(engine: Saxon): void {
  const internals = (
    engine as unknown as { internals?: { DomUtils?: SaxonDom; Iter?: { ForArray?: unknown } } }
  ).internals;
  const dom = internals?.DomUtils;
  const ForArray = internals?.Iter?.ForArray as (new (items: unknown[]) => SaxonIterator) | undefined;
  const axes = dom?.Ch;
  const child = axes?.child;
  const nameOf = dom?.X;
  if (!dom || !axes || typeof ForArray !== 'function' || typeof child !== 'function') return;
  if (typeof axes.descendant !== 'function' || typeof axes['descendant-or-self'] !== 'function') return;
  if (typeof nameOf !== 'function') return;
  originalAxes.descendant = axes.descendant;
  originalAxes.descendantOrSelf = axes['descendant-or-self'];
  originalAxes.nameOf = nameOf;
  const below = (node: unknown, out: unknown[]): void => {
    const children = child(node);
    for (let c = children.next(); c !== null; c = children.next()) {
      out.push(c);
      below(c, out);
    }
  };
  // A parsed file (a document node) never changes once made: its list is made once; each
  // answer gets its own copy.
  const documents = new WeakMap<object, unknown[]>();
  const descendants = (node: unknown): unknown[] => {
    const isDocument = (node as { nodeType?: number } | null)?.nodeType === 9;
    const known = isDocument ? documents.get(node as object) : undefined;
    if (known) return known.slice();
    const out: unknown[] = [];
    below(node, out);
    if (isDocument) documents.set(node as object, out.slice());
    return out;
  };
  axes.descendant = (node) => new ForArray(descendants(node));
  axes['descendant-or-self'] = (node) => {
    const out = descendants(node);
    out.unshift(node);
    return new ForArray(out);
  };
  dom.X = (node) => {
    const element = node as { nodeType?: number; folioQName?: unknown } | null;
    if (element?.nodeType !== 1) return nameOf(node);
    return (element.folioQName ??= nameOf(node));
  };
}

/**
 * Four ways of evaluating the rules faster, each switchable off to measure or compare:
 * `lift` (FOLIO_SAXON_LIFT=original: off) evaluates whole-file expressions once per file,
 * `scans` (FOLIO_SAXON_SCANS=original: off) finds `//name` and `//@name` through per-file lists
 * of elements and attributes by name, `children` (FOLIO_SAXON_CHILDREN=original: off) lists
 * `@*|*` without sorting a union, `steps` (FOLIO_SAXON_STEPS=original: off) finds a node's
 * children named `name` through a per-node list of its children by name. See `speedUp`.
 */
export interface Speedups {
  lift: boolean;
  scans: boolean;
  children: boolean;
  steps: boolean;
}

export const speedupsOn = (): Speedups => ({
  lift: process.env.FOLIO_SAXON_LIFT !== 'original',
  scans: process.env.FOLIO_SAXON_SCANS !== 'original',
  children: process.env.FOLIO_SAXON_CHILDREN !== 'original',
  steps: process.env.FOLIO_SAXON_STEPS !== 'original',
});

/**
 * A compiled stylesheet, loaded once per process, with the `speedups` asked for (by default
 * those not switched off). Each combination is kept apart, for the test that compares them.
 */
export function stylesheet(file: string, speedups: Speedups = speedupsOn()): unknown {
  const key = `${speedups.lift}:${speedups.scans}:${speedups.children}:${speedups.steps}:${file}`;
  let sef = stylesheets.get(key);
  if (!sef) {
    sef = JSON.parse(fs.readFileSync(findUp(file), 'utf8'));
    speedUp(sef as SefNode, engine(), speedups);
    stylesheets.set(key, sef);
  }
  return sef;
}

/** An expression of a compiled stylesheet (SEF): its kind, its operands, SaxonJS's own closure. */
interface SefNode {
  N: string;
  C?: SefNode[];
  name?: string;
  ELAB?: unknown;
  [k: string]: unknown;
}

type Closure = (context: unknown) => SaxonIterator & { expand(): unknown[] };

/** What an expression's value depends on, besides its operands' values. */
const ON_FOCUS = 1;
const ON_ROOT = 2;
const ON_OTHER = 4;

/** Expressions with no effect and no input but their operands (and, for the rest, their focus). */
const PURE_KINDS = new Set([
  'and',
  'or',
  'not',
  'gc',
  'vc',
  'compareToString',
  'compareToInt',
  'arith',
  'union',
  'docOrder',
  'data',
  'atomSing',
  'cvUntyped',
  'check',
  'cast',
  'treat',
  'homCheck',
  'convert',
  'first',
  'str',
  'int',
  'dec',
  'dbl',
  'true',
  'false',
  'empty',
]);

/** Functions whose value is that of their arguments alone (no focus, no new nodes, no effect). */
const PURE_FUNCTIONS = new Set([
  'abs',
  'concat',
  'contains',
  'count',
  'distinct-values',
  'ends-with',
  'exists',
  'empty',
  'local-name',
  'matches',
  'name',
  'namespace-uri',
  'normalize-space',
  'not',
  'reverse',
  'round',
  'starts-with',
  'string',
  'string-join',
  'string-length',
  'substring',
  'substring-after',
  'substring-before',
  'sum',
  'translate',
  'upper-case',
  'lower-case',
  'boolean',
]);

/** Kinds worth remembering: each is a scan or a test over scans. */
const REMEMBERED = new Set([
  'slash',
  'filter',
  'docOrder',
  'fn',
  'and',
  'or',
  'gc',
  'compareToString',
  'compareToInt',
  'union',
]);

/**
 * `lift`: the official rules ask the same questions of the whole file again and again: dozens of
 * asserts test `//cac:TaxCategory[cac:TaxScheme/…='VAT']/cbc:ID[…]` and the like, and SaxonJS
 * runs each one from scratch — `//x` as "every node of the file, then its children named x",
 * then the predicates on each — every time an assert runs. An expression whose value depends
 * on nothing but the file it starts from (it starts at `/`, uses no variable, no function with
 * an effect or a hidden input, and no node the rule is looking at), and that is itself a scan
 * or a test over one, has one value per file: here it is computed the first time it is needed
 * for a file and then reused, by every assert that has the same expression (the same compiled
 * form), for that file only. This is what an optimising XSLT processor does by moving such
 * expressions out of the loops ("loop lifting"); the rules and what they find are unchanged. One
 * difference could show: SaxonJS evaluates lazily (`exists(…)` stops at the first node), this
 * evaluates the whole value; when that raises an error (a predicate failing on a node SaxonJS
 * would not have reached), the expression is run SaxonJS's own way for that file instead, so
 * errors too stay as they were. The compiled expressions are SaxonJS's own (each closure is
 * made by SaxonJS from the same SEF node and kept in the slot SaxonJS keeps it in), only their
 * results are remembered. A test compares the findings with and without, for every official
 * example; FOLIO_SAXON_LIFT=original turns it off.
 *
 * `scans`: SaxonJS runs `//cac:TaxCategory[…]` as "every node of the file, then each one's
 * children named cac:TaxCategory, then the predicates": a child step from each of the file's
 * ~500 nodes. When the predicates do not ask for a position (`position()`, `last()`, a number),
 * that is the same list, in the same order, as "the descendants of the file named
 * cac:TaxCategory, then the predicates" (an XSLT processor's usual rewrite), and the descendants
 * of a parsed file with a given name are listed once per file, in one pass over its nodes. The
 * rewritten expression is compiled by SaxonJS from a copy of the SEF nodes, with the same
 * predicates (the stylesheet itself is not changed: SaxonJS checks its checksum on every run).
 * `//@name` (every attribute of the file with that name: ~70 such scans per UBL file, each
 * asking every node of the file for its attributes) is likewise read from a per-file list of
 * the attributes by name, made in one pass over the file's elements in document order, each
 * element's attributes as SaxonJS's attribute axis lists them: the same nodes in the same order.
 * FOLIO_SAXON_SCANS=original turns both off.
 *
 * `children`: every rule, and the default rule of each pattern, goes on with
 * `<xsl:apply-templates select="@*|*"/>`, which SaxonJS runs as the union of two lists sorted
 * into document order by comparing nodes, for every element of the file in every pattern. For
 * one element that order is its attributes (as SaxonJS's attribute axis lists them), then its
 * child elements: listed so directly. In the pattern modes no template does anything with an
 * attribute (the wrapper's empty `@*` template takes them all, checked when the stylesheet is
 * loaded, and no template asks its position), so there the list is the child elements alone.
 * FOLIO_SAXON_CHILDREN=original turns it off.
 *
 * `steps`: a step `name` (`child::name`) is SaxonJS's child axis filtered by comparing each
 * child's name; the syntax rules of UBL ask the root element ~2,000 such paths
 * (`not(cac:X/cac:Y/@z)`), each time over its ~40 children. Here a node's children are listed
 * by expanded name the first time a step asks it, and each step reads its list: the same
 * child elements in the same (document) order. A node's children never change once the rules
 * can see it (XSLT trees are complete before an expression sees them); the list is made again
 * if its first or last child ever differs. Most of those ~2,000 paths are asked only whether
 * they lead anywhere (`not(cac:X/cac:Y)`, `exists(…)`, `empty(…)`, `boolean(…)` of child steps,
 * `(a|b)` unions of them, and an attribute at the end): that is answered by following the
 * lists and stopping at the first node found (the answer does not depend on order), as the
 * same boolean SaxonJS gives. FOLIO_SAXON_STEPS=original turns both off.
 */
function speedUp(sef: SefNode, saxon: Saxon, speedups: Speedups): void {
  if (!speedups.lift && !speedups.scans && !speedups.children && !speedups.steps) return;
  const internals = (
    saxon as unknown as {
      internals?: {
        Expr?: { elaborate?: (node: SefNode) => Closure };
        Iter?: { ForArray?: unknown };
      };
    }
  ).internals;
  const elaborate = internals?.Expr?.elaborate;
  const dom = (saxon as unknown as { internals?: { DomUtils?: SaxonDom } }).internals?.DomUtils;
  const ForArray = internals?.Iter?.ForArray as (new (items: unknown[]) => SaxonIterator) | undefined;
  if (typeof elaborate !== 'function' || typeof ForArray !== 'function') return;
  if (typeof dom?.X !== 'function' || typeof dom.Ch?.child !== 'function') return;
  const nameOf = dom.X;
  const childrenOf = dom.Ch.child;
  const attributesOf = dom.Ch.attribute;
  /** A node's expanded name (Q{uri}local), kept on the node (a node's name never changes). */
  const eqName = (node: unknown): string => {
    const n = node as { folioEQName?: string };
    return (n.folioEQName ??= (nameOf(node) as { toEQName(): string }).toEQName());
  };
  const NAME_TEST = /^\*?NE n(Q\{[^}]*\}[^\s{}]+)$/;
  const ATTRIBUTE_TEST = /^\*?NA n(Q\{[^}]*\}[^\s{}]+)$/;

  /** Nodes listed by expanded name, each list in the order they are put. */
  const listedByName = (add: (put: (node: unknown) => void) => void): Map<string, unknown[]> => {
    const lists = new Map<string, unknown[]>();
    add((node) => {
      const key = eqName(node);
      const known = lists.get(key);
      if (known) known.push(node);
      else lists.set(key, [node]);
    });
    return lists;
  };
  /** Every element below a node, in document order. */
  const eachElement = (node: unknown, visit: (element: unknown) => void): void => {
    const children = childrenOf(node);
    for (let c = children.next(); c !== null; c = children.next())
      if ((c as { nodeType?: number }).nodeType === 1) {
        visit(c);
        eachElement(c, visit);
      }
  };

  // Scans: the elements of a parsed file by expanded name (Q{uri}local), in document order.
  const elementsByName = new WeakMap<object, Map<string, unknown[]>>();
  const named = (doc: object, name: string): unknown[] => {
    let names = elementsByName.get(doc);
    if (!names) elementsByName.set(doc, (names = listedByName((put) => eachElement(doc, put))));
    return names.get(name) ?? [];
  };
  /** `descendant::name` (an element name test), from a parsed file through its list; else SaxonJS's own. */
  const descendantAxis = (axis: SefNode): SefNode => {
    const test = NAME_TEST.exec(String(axis.nodeTest ?? ''));
    if (!test) return axis;
    const name = test[1]!;
    let theirs: Closure | null = null;
    const copy: SefNode = { ...axis, ELAB: undefined };
    copy.ELAB = ((context: { noCurrentFocus?(): boolean; getCurrentFocus?(): unknown }) => {
      const focus =
        typeof context.noCurrentFocus === 'function' && !context.noCurrentFocus()
          ? context.getCurrentFocus?.()
          : null;
      if ((focus as { nodeType?: number } | null)?.nodeType === 9)
        return new ForArray(named(focus as object, name).slice());
      theirs ??= elaborate({ ...axis, ELAB: undefined });
      return theirs(context);
    }) as Closure;
    return copy;
  };
  /**
   * `root/descendant-or-self::node()/child::name[p]…[q]` as `root/descendant::name[p]…[q]`,
   * when no predicate asks for a position; null when the expression is not of that form.
   */
  const asDescendants = (node: SefNode): SefNode | null => {
    if (node.N !== 'slash' || node.C?.length !== 2) return null;
    const [from, step] = node.C as [SefNode, SefNode];
    if (from.N !== 'slash' || from.C?.length !== 2) return null;
    const [root, all] = from.C as [SefNode, SefNode];
    if (root.N !== 'root' || all.N !== 'axis' || all.name !== 'descendant-or-self' || all.nodeTest !== '*N')
      return null;
    const chain = (f: SefNode): SefNode | null => {
      if (f.N === 'axis')
        return f.name === 'child' && /^\*?NE n/.test(String(f.nodeTest ?? ''))
          ? descendantAxis({ ...f, name: 'descendant' })
          : null;
      if (f.N !== 'filter' || f.C?.length !== 2 || f.flags) return null;
      const predicate = f.C[1]!;
      if (['int', 'dec', 'dbl'].includes(predicate.N)) return null;
      if (/"(position|last|subscript|first)"/.test(sefText(predicate))) return null;
      const inner = chain(f.C[0]!);
      return inner && { ...f, ELAB: undefined, C: [inner, predicate] };
    };
    const steps = chain(step);
    if (!steps || steps.N === 'axis') return null;
    return { ...node, ELAB: undefined, C: [root, steps] };
  };
  const rootExpression: SefNode = { N: 'root' };
  let rootOf: Closure | null = null;

  // `//@name`: the attributes of a parsed file by expanded name, in document order.
  const attributesByName = new WeakMap<object, Map<string, unknown[]>>();
  const attributesNamed = (doc: object, name: string): unknown[] => {
    let names = attributesByName.get(doc);
    if (!names) {
      names = listedByName((put) =>
        eachElement(doc, (element) => {
          const attributes = attributesOf!(element);
          for (let a = attributes.next(); a !== null; a = attributes.next()) put(a);
        }),
      );
      attributesByName.set(doc, names);
    }
    return names.get(name) ?? [];
  };
  /** `root/descendant-or-self::node()/attribute::name` through the file's list; null when not of that form. */
  const attributeScan = (node: SefNode): SefNode | null => {
    if (node.N !== 'slash' || node.C?.length !== 2 || typeof attributesOf !== 'function') return null;
    const [from, step] = node.C as [SefNode, SefNode];
    if (from.N !== 'slash' || from.C?.length !== 2) return null;
    const [root, all] = from.C as [SefNode, SefNode];
    if (root.N !== 'root' || all.N !== 'axis' || all.name !== 'descendant-or-self' || all.nodeTest !== '*N')
      return null;
    if (step.N !== 'axis' || step.name !== 'attribute' || step.C) return null;
    const test = ATTRIBUTE_TEST.exec(String(step.nodeTest ?? ''));
    if (!test) return null;
    const name = test[1]!;
    let theirs: Closure | null = null;
    const scan = ((context: FocusContext) => {
      let top: unknown;
      try {
        rootOf ??= elaborate(rootExpression);
        top = rootOf(context).next();
      } catch {
        top = null;
      }
      if ((top as { nodeType?: number } | null)?.nodeType === 9)
        return new ForArray(attributesNamed(top as object, name).slice());
      theirs ??= elaborate({ ...node, ELAB: undefined });
      return theirs(context);
    }) as Closure;
    return { ...node, ELAB: scan };
  };

  // Steps: the child elements of a node by expanded name, listed the first time a step asks.
  const childIndex = new WeakMap<object, { first: unknown; last: unknown; names: Map<string, unknown[]> }>();
  const NONE: unknown[] = [];
  const childrenNamed = (parent: object, name: string): unknown[] => {
    const p = parent as { firstChild?: unknown; lastChild?: unknown };
    let known = childIndex.get(parent);
    if (!known || known.first !== p.firstChild || known.last !== p.lastChild) {
      const names = listedByName((put) => {
        const children = childrenOf(parent);
        for (let c = children.next(); c !== null; c = children.next())
          if ((c as { nodeType?: number }).nodeType === 1) put(c);
      });
      childIndex.set(parent, (known = { first: p.firstChild, last: p.lastChild, names }));
    }
    return known.names.get(name) ?? NONE;
  };
  /** `child::name` for an element or document through its list; else SaxonJS's own. */
  const childStep = (axis: SefNode): Closure | null => {
    const test = NAME_TEST.exec(String(axis.nodeTest ?? ''));
    if (!test || axis.C) return null;
    const name = test[1]!;
    let theirs: Closure | null = null;
    return ((context: FocusContext) => {
      const focus = focusOf(context) as { nodeType?: number } | null;
      if (focus?.nodeType === 1 || focus?.nodeType === 9)
        return new ForArray(childrenNamed(focus, name).slice());
      theirs ??= elaborate({ ...axis, ELAB: undefined });
      return theirs(context);
    }) as Closure;
  };

  /**
   * A path of child steps by name, `(a|b)`-unions of them, and at its end an attribute by name
   * (`cac:X/cac:Y/@z`), as a list of steps; null for any other expression.
   */
  type PathStep = { names: string[] } | { attribute: string };
  const childPath = (node: SefNode): PathStep[] | null => {
    const C = node.C ?? [];
    switch (node.N) {
      case 'docOrder':
        return C.length === 1 ? childPath(C[0]!) : null;
      case 'axis': {
        if (node.C) return null;
        const test = String(node.nodeTest ?? '');
        if (node.name === 'child') {
          const name = NAME_TEST.exec(test)?.[1];
          return name ? [{ names: [name] }] : null;
        }
        if (node.name === 'attribute' && typeof attributesOf === 'function') {
          const name = ATTRIBUTE_TEST.exec(test)?.[1];
          return name ? [{ attribute: name }] : null;
        }
        return null;
      }
      case 'union': {
        if (node.op !== '|' || C.length !== 2) return null;
        const [a, b] = [childPath(C[0]!), childPath(C[1]!)];
        if (a?.length !== 1 || b?.length !== 1 || !('names' in a[0]!) || !('names' in b[0]!)) return null;
        return [{ names: [...a[0].names, ...b[0].names] }];
      }
      case 'slash': {
        if (node.op !== '/' || C.length !== 2) return null;
        const [a, b] = [childPath(C[0]!), childPath(C[1]!)];
        if (!a || !b || 'attribute' in a[a.length - 1]!) return null;
        return [...a, ...b];
      }
      default:
        return null;
    }
  };
  /** Does the path lead from this node to any node? (Stops at the first.) */
  const leadsAnywhere = (from: object, path: PathStep[], k: number): boolean => {
    if (k === path.length) return true;
    const step = path[k]!;
    if ('attribute' in step) {
      if ((from as { nodeType?: number }).nodeType !== 1) return false;
      const attributes = attributesOf!(from);
      for (let a = attributes.next(); a !== null; a = attributes.next())
        if (eqName(a) === step.attribute) return true;
      return false;
    }
    for (const name of step.names)
      for (const child of childrenNamed(from, name))
        if (leadsAnywhere(child as object, path, k + 1)) return true;
    return false;
  };
  /** Functions that only ask whether their one argument is empty, and the answer for "it is not". */
  const EXISTENCE: Record<string, boolean> = { not: false, empty: false, exists: true, boolean: true };
  let yes: Closure | null = null;
  let no: Closure | null = null;
  /** `not(a/b/@c)`, `exists(…)`… through the children lists, as a boolean of SaxonJS's own; else SaxonJS's own. */
  const existenceTest = (node: SefNode): Closure | null => {
    const ifFound = EXISTENCE[node.name ?? ''];
    if (node.N !== 'fn' || ifFound === undefined || node.C?.length !== 1) return null;
    const path = childPath(node.C[0]!);
    if (!path) return null;
    let theirs: Closure | null = null;
    return ((context: FocusContext) => {
      const focus = focusOf(context) as { nodeType?: number } | null;
      if (focus?.nodeType !== 1 && focus?.nodeType !== 9) {
        theirs ??= elaborate({ ...node, ELAB: undefined });
        return theirs(context);
      }
      const found = leadsAnywhere(focus, path, 0);
      yes ??= elaborate({ N: 'true' });
      no ??= elaborate({ N: 'false' });
      return (found === ifFound ? yes : no)(context);
    }) as Closure;
  };

  /** `@*|*` listed directly: the element's attributes (unless `attributes` is false), then its child elements. */
  const attributesAndChildren = (node: SefNode, attributes: boolean): Closure => {
    let theirs: Closure | null = null;
    return ((context: FocusContext) => {
      const focus = focusOf(context) as { nodeType?: number } | null;
      if (focus?.nodeType !== 1 || typeof attributesOf !== 'function') {
        theirs ??= elaborate({ ...node, ELAB: undefined });
        return theirs(context);
      }
      const out: unknown[] = [];
      if (attributes) {
        const a = attributesOf(focus);
        for (let n = a.next(); n !== null; n = a.next()) out.push(n);
      }
      const c = childrenOf(focus);
      for (let n = c.next(); n !== null; n = c.next())
        if ((n as { nodeType?: number }).nodeType === 1) out.push(n);
      return new ForArray(out);
    }) as Closure;
  };
  /**
   * Modes in which templates applied to an attribute do nothing: an empty template for `@*` of
   * a higher import precedence than every other template of the mode (the wrapper's, in the
   * pattern modes) takes them all, and no template asks for its position (`position()`,
   * `last()`). There `apply-templates select="@*|*"` is the same as its child elements alone.
   */
  const attributesIgnored = new Set<string>();
  const asksPosition = (node: SefNode): boolean =>
    (node.N === 'fn' && (node.name === 'position' || node.name === 'last')) ||
    (node.C ?? []).some(asksPosition);
  const findModes = (node: SefNode): void => {
    if (node.N === 'mode' && typeof node.name === 'string') {
      const rules = (node.C ?? []).filter((c) => c.N === 'templateRule');
      const blank = rules.find(
        (r) =>
          r.match === '@*' &&
          r.matches === 'NA' &&
          (r.C ?? []).every((c) => c.role !== 'action' || (c.N === 'empty' && !c.C)),
      );
      if (
        blank &&
        rules.every((r) => r === blank || Number(r.prec) < Number(blank.prec)) &&
        !rules.some(asksPosition)
      )
        attributesIgnored.add(node.name);
      return;
    }
    (node.C ?? []).forEach(findModes);
  };
  if (speedups.children) findModes(sef);

  /** SaxonJS's closure for a node: for the rewritten scans, that of the rewritten form. */
  const ownClosure = (node: SefNode): Closure => {
    const rewritten = speedups.scans ? (asDescendants(node) ?? attributeScan(node)) : null;
    if (rewritten) return elaborate(rewritten);
    node.ELAB = undefined;
    return elaborate(node);
  };

  // One table per file (its root node): expression id → its value, or null when it failed.
  const values = new WeakMap<object, Map<number, unknown[] | null>>();
  const ids = new Map<string, number>();
  const same = (node: SefNode): number => {
    const text = sefText(node);
    let id = ids.get(text);
    if (id === undefined) ids.set(text, (id = ids.size));
    return id;
  };
  const lift = (node: SefNode): void => {
    const id = same(node);
    let own: Closure | null = null;
    const remembered: Closure = (context) => {
      if (!own) {
        // SaxonJS's own closure for this node (its operands' closures are theirs, or these).
        own = ownClosure(node);
        node.ELAB = remembered;
      }
      let root: unknown;
      try {
        rootOf ??= elaborate(rootExpression);
        root = rootOf(context).next();
      } catch {
        return own(context);
      }
      if (root === null || typeof root !== 'object') return own(context);
      let table = values.get(root);
      if (!table) values.set(root, (table = new Map()));
      let value = table.get(id);
      if (value === undefined) {
        try {
          value = [...own(context).expand()];
        } catch {
          value = null;
        }
        table.set(id, value);
      }
      return value === null ? own(context) : (new ForArray(value.slice()) as ReturnType<Closure>);
    };
    node.ELAB = remembered;
  };
  const depends = (node: SefNode): number => {
    const operands = (node.C ?? []).map(depends);
    const existence = speedups.steps && node.N === 'fn' ? existenceTest(node) : null;
    let on: number;
    switch (node.N) {
      case 'root':
        on = ON_ROOT;
        break;
      case 'dot':
      case 'axis':
        on = ON_FOCUS | operands.reduce((a, b) => a | b, 0);
        break;
      case 'slash':
      case 'filter':
        // The second operand runs with the first's items as its focus.
        on = operands.length === 2 ? operands[0]! | (operands[1]! & ON_OTHER) : ON_OTHER;
        break;
      case 'fn':
        on =
          PURE_FUNCTIONS.has(node.name ?? '') && operands.length > 0
            ? operands.reduce((a, b) => a | b, 0)
            : ON_OTHER;
        break;
      default:
        on = PURE_KINDS.has(node.N) ? operands.reduce((a, b) => a | b, 0) : ON_OTHER;
    }
    if (speedups.lift && on === ON_ROOT && REMEMBERED.has(node.N)) lift(node);
    else if (speedups.scans && (asDescendants(node) ?? attributeScan(node))) {
      // Made on first use (SaxonJS has then linked the nodes to their parents); the closures
      // of the expressions around this one keep calling this one.
      let own: Closure | null = null;
      const scan: Closure = (context) => {
        if (!own) node.ELAB = own = ownClosure(node);
        return own(context);
      };
      node.ELAB = scan;
    } else if (speedups.children && isAttributesAndChildren(node)) {
      node.ELAB = attributesAndChildren(node, true);
    } else if (speedups.scans && node.N === 'axis' && node.name === 'descendant') {
      const axis = descendantAxis(node);
      if (axis !== node) node.ELAB = axis.ELAB;
    } else if (existence) {
      node.ELAB = existence;
    } else if (speedups.steps && node.N === 'axis' && node.name === 'child') {
      const step = childStep(node);
      if (step) node.ELAB = step;
    }
    if (speedups.children && node.N === 'applyT' && attributesIgnored.has(String(node.mode))) {
      const select = node.C?.find((c) => c.role === 'select');
      if (select && isAttributesAndChildren(select)) select.ELAB = attributesAndChildren(select, false);
    }
    return on;
  };
  depends(sef);
}

type FocusContext = { noCurrentFocus?(): boolean; getCurrentFocus?(): unknown };

/** The context item, or null when there is none. */
function focusOf(context: FocusContext): unknown {
  return typeof context.noCurrentFocus === 'function' && !context.noCurrentFocus()
    ? (context.getCurrentFocus?.() ?? null)
    : null;
}

/** `@*|*` as SaxonJS compiles it: the union of the attributes and the child elements, in document order. */
function isAttributesAndChildren(node: SefNode): boolean {
  const union = node.N === 'docOrder' && node.C?.length === 1 ? node.C[0]! : null;
  if (union?.N !== 'union' || union.op !== '|' || union.C?.length !== 2) return false;
  const [a, c] = union.C as [SefNode, SefNode];
  return (
    a.N === 'axis' &&
    a.name === 'attribute' &&
    a.nodeTest === '*NA' &&
    !a.C &&
    c.N === 'axis' &&
    c.name === 'child' &&
    c.nodeTest === '*NE' &&
    !c.C
  );
}

/** A SEF node as text, without SaxonJS's own additions (closures, links to the parent). */
function sefText(node: SefNode): string {
  return JSON.stringify(node, (k, v: unknown) =>
    k === 'line' || k === 'module' || k === 'ELAB' || k === 'PUSH' || k === 'parentNode' ? undefined : v,
  );
}

function run(file: string, xml: string): string {
  return engine().transform(
    { stylesheetInternal: stylesheet(file), sourceText: xml, destination: 'serialized' },
    'sync',
  ).principalResult;
}

const INITIAL_TEMPLATE = 'Q{http://www.w3.org/1999/XSL/Transform}initial-template';

/**
 * The failed EN 16931 rules of many e-invoices of one syntax (already checked to have no
 * DOCTYPE), in one transformation; the findings of each, in order. Throws when any file stops
 * the transformation (the caller then checks the files one by one).
 */
export function validateEn16931Batch(xmls: readonly string[], syntax: EInvoiceSyntax): RawFinding[][] {
  if (xmls.length === 0) return [];
  const out = engine().transform(
    {
      stylesheetInternal: stylesheet(SEF_FILES[syntax]),
      initialTemplate: INITIAL_TEMPLATE,
      stylesheetParams: { docs: [...xmls] },
      destination: 'serialized',
    },
    'sync',
  ).principalResult;
  // One <file> per input, in order, holding that file's svrl:failed-assert (and
  // svrl:successful-report) elements; the SVRL uses the svrl: prefix, so "<file" and "</file>"
  // only mark the wrapper's elements. A file without findings is an empty <file/>.
  const parts = out.split('<file').slice(1);
  if (parts.length !== xmls.length)
    throw new Error(`the rules answered for ${parts.length} of ${xmls.length} files`);
  return parts.map((p) => {
    if (p.startsWith('/>')) return [];
    const end = p.lastIndexOf('</file>');
    if (!p.startsWith('>') || end < 0) throw new Error('the rules gave no report for a file');
    return findingsFromSvrl(
      `<svrl:schematron-output xmlns:svrl="${SVRL}">${p.slice(1, end)}</svrl:schematron-output>`,
    );
  });
}

const SVRL = 'http://purl.oclc.org/dsdl/svrl';

/** The failed EN 16931 rules of an e-invoice (already checked to have no DOCTYPE). */
export function validateEn16931(xml: string, syntax: EInvoiceSyntax): RawFinding[] {
  return validateEn16931Batch([xml], syntax)[0]!;
}

/** The failed XRechnung (KoSIT) rules of an e-invoice, marked as XRechnung's. */
export function validateXRechnung(xml: string, syntax: EInvoiceSyntax): RawFinding[] {
  return findingsFromSvrl(run(XRECHNUNG_SEF_FILES[syntax], xml)).map((f) => ({ ...f, ruleSet: 'XRechnung' }));
}

export type RuleResult = { ok: true; findings: RawFinding[] } | { ok: false; error: string };

const failed = (e: unknown): RuleResult => ({ ok: false, error: e instanceof Error ? e.message : String(e) });

/**
 * The rules for files of one syntax: EN 16931 in one transformation (file by file when the
 * batch cannot run, so one bad file only fails itself), then XRechnung's for the files that
 * claim it.
 */
export function checkRulesBatch(
  items: readonly { xml: string; xrechnung?: boolean }[],
  syntax: EInvoiceSyntax,
): RuleResult[] {
  let en: (RawFinding[] | RuleResult)[];
  try {
    en = validateEn16931Batch(
      items.map((i) => i.xml),
      syntax,
    );
  } catch {
    en = items.map((i) => {
      try {
        return validateEn16931(i.xml, syntax);
      } catch (e) {
        return failed(e);
      }
    });
  }
  return items.map((item, k) => {
    const r = en[k]!;
    if (!Array.isArray(r)) return r;
    try {
      return { ok: true, findings: item.xrechnung ? [...r, ...validateXRechnung(item.xml, syntax)] : r };
    } catch (e) {
      return failed(e);
    }
  });
}

/**
 * Two e-invoices Folio itself writes (Peppol BIS and EN 16931 CII of one invoice with two VAT
 * rates, allowances and shipping: scripts/einvoice-warm-up.ts), for warming a rule thread up.
 */
export const WARM_UP_FILES: Record<EInvoiceSyntax, string> = {
  UBL: 'assets/einvoice/warm-up-ubl.xml',
  CII: 'assets/einvoice/warm-up-cii.xml',
};

/** Transformations of `files` copies per syntax in a warm-up (~80 files: ~1.5 s of one core). */
export const WARM_UP = { rounds: 2, files: 20 };

/**
 * Loads SaxonJS and both EN 16931 stylesheets and runs them over the warm-up files, so that
 * the first import of a session finds the rules' code loaded and compiled: a new thread runs a
 * file about twice as slowly as a warm one for its first ~100 files (V8 compiles the hot code
 * as it goes).
 */
export function warmUpRules(): void {
  const xml = {
    UBL: fs.readFileSync(findUp(WARM_UP_FILES.UBL), 'utf8'),
    CII: fs.readFileSync(findUp(WARM_UP_FILES.CII), 'utf8'),
  };
  for (let round = 0; round < WARM_UP.rounds; round++)
    for (const syntax of ['UBL', 'CII'] as const)
      validateEn16931Batch(
        Array.from({ length: WARM_UP.files }, () => xml[syntax]),
        syntax,
      );
}

/** EN 16931, and XRechnung's rules too when the file claims XRechnung. */
export function checkRules(xml: string, syntax: EInvoiceSyntax, xrechnung: boolean): RawFinding[] {
  const findings = validateEn16931(xml, syntax);
  return xrechnung ? [...findings, ...validateXRechnung(xml, syntax)] : findings;
}

/**
 * The failed asserts of an SVRL report, each (rule, flag, text) once: a rule fails once per
 * place, and the words say the same for each.
 */
export function findingsFromSvrl(svrl: string): RawFinding[] {
  const { node } = parseXml(svrl);
  const seen = new Set<string>();
  const findings: RawFinding[] = [];
  for (const f of all(node, 'failed-assert')) {
    const flag = attr(f, 'flag') || 'fatal';
    const finding = rawFinding(
      attr(f, 'id') || 'EN16931',
      flag === 'warning' ? 'warning' : 'fatal',
      txt(f, 'text'),
      attr(f, 'location'),
    );
    const key = `${finding.id}|${finding.severity}|${finding.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings;
}

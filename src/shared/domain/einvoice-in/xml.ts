import { SaxesParser } from 'saxes';
import { msg } from '../../i18n';

/**
 * Reading untrusted XML safely. A DOCTYPE is refused outright (no external entities, no entity
 * expansion: XXE and "billion laughs" never reach a parser), the size is capped, and the file is
 * read by saxes, a strict XML parser (well-formedness as the XML 1.0 specification has it: one
 * root, matching tags, unique attributes, only the five predefined entities and character
 * references, which it decodes; any other entity is an error).
 */
export const EINVOICE_MAX_BYTES = 20 * 1024 * 1024;

export class EInvoiceFormatError extends Error {}

/**
 * An element: attributes as '@name', its own text (trimmed, entities decoded) as '#text',
 * children by local name (always arrays). Namespace prefixes are dropped from names, and
 * namespace declarations are not attributes.
 */
export interface XNode {
  [key: string]: XNode[] | string | undefined;
}

/** Decodes bytes as UTF-8 (with or without BOM) or UTF-16 (with BOM). */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/** Does the text start like XML (after a BOM and whitespace)? */
export function looksLikeXml(text: string): boolean {
  return /^\s*</.test(text.slice(0, 1024));
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** The root element's local name and tree; throws EInvoiceFormatError with a sentence for the user. */
export function parseXml(text: string): { root: string; node: XNode } {
  if (text.length > EINVOICE_MAX_BYTES) throw new EInvoiceFormatError(msg('einvoiceErrors.xml.tooLarge'));
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text))
    throw new EInvoiceFormatError(msg('einvoiceErrors.xml.doctype'));
  const top: XNode = {};
  // The open elements, each with the pieces of its own text.
  const open: { node: XNode; text: string[] }[] = [{ node: top, text: [] }];
  const parser = new SaxesParser({ position: true });
  parser.on('opentag', (tag) => {
    const node: XNode = {};
    for (const name in tag.attributes) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      node[`@${localName(name)}`] = tag.attributes[name] as string;
    }
    const parent = open[open.length - 1]!.node;
    const key = localName(tag.name);
    const siblings = parent[key];
    if (Array.isArray(siblings)) siblings.push(node);
    else parent[key] = [node];
    open.push({ node, text: [] });
  });
  parser.on('text', (t) => open[open.length - 1]!.text.push(t));
  parser.on('cdata', (t) => open[open.length - 1]!.text.push(t));
  parser.on('closetag', () => {
    const { node, text } = open.pop()!;
    node['#text'] = text.join('').trim();
  });
  try {
    parser.write(text).close();
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const at = /^(\d+):\d+: (.*)$/s.exec(detail);
    throw new EInvoiceFormatError(
      msg('einvoiceErrors.xml.malformed', {
        line: at ? at[1]! : String(parser.line),
        detail: (at ? at[2]! : detail).replace(/\.$/, ''),
      }),
    );
  }
  const roots = Object.keys(top);
  const root = roots[0];
  const node = root ? (top[root] as XNode[])[0] : undefined;
  if (!root || !node || roots.length !== 1) throw new EInvoiceFormatError(msg('einvoiceErrors.xml.noRoot'));
  return { root, node };
}

/** Children along a path of local names. */
export function all(node: XNode | undefined, path: string): XNode[] {
  if (!node) return [];
  let current: XNode[] = [node];
  for (const step of path.split('/')) {
    const next: XNode[] = [];
    for (const n of current) {
      const c = n[step];
      if (Array.isArray(c)) next.push(...c);
    }
    current = next;
    if (!current.length) break;
  }
  return current;
}

export function one(node: XNode | undefined, path: string): XNode | undefined {
  return all(node, path)[0];
}

/** The text of the first element on the path ('' when absent). */
export function txt(node: XNode | undefined, path?: string): string {
  const n = path ? one(node, path) : node;
  const t = n?.['#text'];
  return typeof t === 'string' ? t : '';
}

export function attr(node: XNode | undefined, name: string): string {
  const a = node?.[`@${name}`];
  return typeof a === 'string' ? a.trim() : '';
}

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { msg } from '../../i18n';

/**
 * Reading untrusted XML safely. A DOCTYPE is refused outright (no external entities, no entity
 * expansion: XXE and "billion laughs" never reach a parser), the size is capped, and
 * fast-xml-parser runs with entity processing off; only the five predefined entities and
 * character references are decoded, by hand, as text.
 */
export const EINVOICE_MAX_BYTES = 20 * 1024 * 1024;

export class EInvoiceFormatError extends Error {}

/** An element: attributes as '@name', text as '#text', children by local name (always arrays). */
export interface XNode {
  [key: string]: XNode[] | string | undefined;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  isArray: (_name: string, _path: unknown, _isLeaf: boolean, isAttribute: boolean) => !isAttribute,
  alwaysCreateTextNode: true,
  textNodeName: '#text',
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
});

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_m, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
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

/** The root element's local name and tree; throws EInvoiceFormatError with a sentence for the user. */
export function parseXml(text: string): { root: string; node: XNode } {
  if (text.length > EINVOICE_MAX_BYTES) throw new EInvoiceFormatError(msg('einvoiceErrors.xml.tooLarge'));
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text))
    throw new EInvoiceFormatError(msg('einvoiceErrors.xml.doctype'));
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true)
    throw new EInvoiceFormatError(
      msg('einvoiceErrors.xml.malformed', {
        line: String(valid.err.line),
        detail: valid.err.msg.replace(/\.$/, ''),
      }),
    );
  const doc = parser.parse(text) as XNode;
  const roots = Object.keys(doc).filter(
    (k) => !k.startsWith('#') && !k.startsWith('@') && !k.startsWith('?'),
  );
  const root = roots[0];
  const node = root ? (doc[root] as XNode[] | undefined)?.[0] : undefined;
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
  return typeof t === 'string' ? decodeEntities(t).trim() : '';
}

export function attr(node: XNode | undefined, name: string): string {
  const a = node?.[`@${name}`];
  return typeof a === 'string' ? decodeEntities(a).trim() : '';
}

/**
 * File names for saved and exported PDFs, from a pattern in the document settings such as
 * "{number} {customer}" -> "INV-2026-0042 Acme Ltd.pdf". The result is safe on Windows,
 * macOS and Linux: no path separators, reserved characters, control characters or trailing
 * dots, and not too long.
 */
export const FILE_NAME_FIELDS = {
  number: 'Document number (INV-2026-0042)',
  customer: 'Customer name',
  type: 'Document type (Invoice)',
  date: 'Document date (2026-11-02)',
} as const;
export type FileNameField = keyof typeof FILE_NAME_FIELDS;

export const DEFAULT_FILE_NAME_PATTERN = '{number} {customer}';

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** Characters that reorder or hide text: a name like "bill\u202Efdp.exe" must not read as "billexe.pdf". */
const BIDI_AND_INVISIBLE = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Half of a surrogate pair: cannot be written as UTF-8. */
const LONE_SURROGATE = /\p{Cs}/gu;

/**
 * The one sanitiser for every name that becomes a file name or is shown as one: PDF and zip
 * entry names, email attachment names, downloaded scans, the Settings → Documents pattern.
 * No path separators or reserved characters, no control, bidi-override or invisible
 * characters, no leading or trailing dots (no "..", no hidden files), no device names,
 * at most `max` characters. Never empty: `fallback` when nothing is left.
 */
export function safeFileName(text: string, max = 150, fallback = 'document'): string {
  let s = text
    .replace(BIDI_AND_INVISIBLE, '')
    .replace(LONE_SURROGATE, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[. ]+/, '')
    .replace(/[. ]+$/, '');
  if ([...s].length > max)
    s = [...s]
      .slice(0, max)
      .join('')
      .trim()
      .replace(/[. ]+$/, '');
  if (!s || RESERVED.test(s.replace(/\..*$/, ''))) s = `${fallback} ${s}`.trim();
  return s;
}

/**
 * A user's own file name (a scanned bill, a logo) made safe, keeping its extension when the
 * name is long: "Rechnung März.pdf" stays as it is; "../../x\u202Efdp.exe" becomes "x fdp.exe".
 */
export function safeUserFileName(name: string, max = 150): string {
  const cleaned = safeFileName(name, 1000, 'file');
  if ([...cleaned].length <= max) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return safeFileName(cleaned.slice(0, cleaned.length - ext.length), max - ext.length, 'file') + ext;
}

/** Fills the pattern and appends the extension. An empty result falls back to the number. */
export function fileNameFrom(
  pattern: string,
  values: Record<FileNameField, string>,
  extension = 'pdf',
): string {
  const filled = pattern.replace(/\{(number|customer|type|date)\}/g, (_w, k: FileNameField) => values[k]);
  const base = safeFileName(filled) || safeFileName(values.number);
  return `${base}.${extension}`;
}

export function unknownFileNameFields(pattern: string): string[] {
  return [...pattern.matchAll(/\{([^}]*)\}/g)]
    .map((m) => m[1]!)
    .filter((k) => !Object.prototype.hasOwnProperty.call(FILE_NAME_FIELDS, k))
    .map((k) => `{${k}}`);
}

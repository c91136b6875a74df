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

export function safeFileName(text: string, max = 150): string {
  let s = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  if ([...s].length > max) s = [...s].slice(0, max).join('').trim();
  if (!s || RESERVED.test(s)) s = `document ${s}`.trim();
  return s;
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

/**
 * CSV as spreadsheets read it (RFC 4180): comma separated, fields with a comma, quote or line
 * break are quoted, quotes doubled, lines end with CRLF. Cells that would start a formula in
 * a spreadsheet (=, +, -, @) are prefixed with an apostrophe unless they are plain numbers,
 * so an exported customer name cannot run code when opened.
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const cell = (v: string | number | null): string => {
    if (v === null) return '';
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

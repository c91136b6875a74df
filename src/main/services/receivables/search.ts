/**
 * Turns what a user types into an FTS5 query: every word must match, the last as a prefix
 * ("acme lt" finds "Acme Ltd"), and quotes keep punctuation such as the dashes of
 * "INV-2026-0042" from being read as FTS operators.
 */
export function ftsQuery(text: string): string | null {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

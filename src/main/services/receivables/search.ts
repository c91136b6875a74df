/**
 * Turns what a user types into an FTS5 query: every word must match, the last as a prefix
 * ("acme lt" finds "Acme Ltd"), and quotes keep punctuation such as the dashes of
 * "INV-2026-0042" from being read as FTS operators.
 */
export function ftsQuery(text: string): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

/**
 * The words of a search as both engines read them (dialect's receivablesSearchMatch): split
 * at white space, keeping those with a letter or digit. Empty: nothing to search for.
 */
export function searchWords(text: string): string[] {
  return text
    .trim()
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
}

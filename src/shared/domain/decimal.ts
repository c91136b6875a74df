/**
 * Exact decimals as scaled integers. Quantities ("1.5" hours), percentages ("9.975" %) and
 * exchange rates are typed as decimal text and computed as BigInt, so no binary float ever
 * touches money. Rounding is half away from zero, the rule written down in totals.ts.
 */

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** "1.5" at scale 4 -> 15000n. Null when not a decimal or it has more digits than the scale. */
export function parseScaled(text: string, scale: number): bigint | null {
  const s = text.trim();
  if (!DECIMAL.test(s)) return null;
  const negative = s.startsWith('-');
  const [units, fraction = ''] = (negative ? s.slice(1) : s).split('.');
  if (fraction.length > scale) return null;
  const value = BigInt(units! + fraction.padEnd(scale, '0'));
  return negative ? -value : value;
}

/** 15000n at scale 4 -> "1.5" (trailing zeros dropped). */
export function formatScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const units = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${units}${fraction ? '.' + fraction : ''}`;
}

/** a / b rounded half away from zero (b > 0). */
export function roundDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= b) return a < 0n ? q - 1n : q + 1n;
  return q;
}

/** Canonical form of a decimal text ("01.50" -> "1.5"); null when invalid at that scale. */
export function normalizeDecimal(text: string, scale: number): string | null {
  const v = parseScaled(text, scale);
  return v === null ? null : formatScaled(v, scale);
}

import { minorUnits } from './currencies';
import { parseScaled, roundDiv } from './decimal';

/**
 * Exchange rates are entered by the user (Folio is offline) as decimal text: how many units
 * of the base currency one unit of the document currency is worth ("1.0845"), up to 8
 * decimals. Conversion is exact and rounds half away from zero to the base minor unit.
 */
export const RATE_SCALE = 8;

export function isValidRate(text: string): boolean {
  const v = parseScaled(text, RATE_SCALE);
  return v !== null && v > 0n;
}

export function toBase(amount: number, currency: string, rate: string, baseCurrency: string): number {
  if (currency === baseCurrency) return amount;
  const r = parseScaled(rate, RATE_SCALE);
  if (r === null) throw new Error(`Not an exchange rate: ${rate}`);
  const shift = minorUnits(baseCurrency) - minorUnits(currency);
  const numerator = BigInt(amount) * r * 10n ** BigInt(Math.max(shift, 0));
  const denominator = 10n ** BigInt(RATE_SCALE) * 10n ** BigInt(Math.max(-shift, 0));
  return Number(roundDiv(numerator, denominator));
}

import { parseScaled, roundDiv } from './decimal';

/**
 * Tax rates are exact percentages with up to 4 decimals ("19", "9.975"), held as integers
 * of 1/10,000 percent, i.e. parts per million of the base.
 */
export const PERCENT_SCALE = 4;
const PPM = 1_000_000n;

export interface TaxRate {
  id: number;
  name: string;
  /** Percent as decimal text, e.g. "19" or "9.975". */
  percent: string;
  /** A compound tax is charged on the net plus the line's non-compound taxes (tax on tax). */
  compound: boolean;
}

/** "9.975" -> 99750n parts per million. Throws on invalid text (validated at the API edge). */
export function ratePpm(percent: string): bigint {
  const v = parseScaled(percent, PERCENT_SCALE);
  if (v === null) throw new Error(`Not a percentage: ${percent}`);
  return v;
}

export function isValidPercent(text: string, { min = 0, max = 100 } = {}): boolean {
  const v = parseScaled(text, PERCENT_SCALE);
  return v !== null && v >= BigInt(min) * 10_000n && v <= BigInt(max) * 10_000n;
}

/** amount × percent, rounded half away from zero to a whole minor unit. */
export function percentOf(amount: bigint, ppm: bigint): bigint {
  return roundDiv(amount * ppm, PPM);
}

export interface LineTax {
  taxId: number;
  /** What the tax was charged on: the net, or for a compound tax the net plus other taxes. */
  base: bigint;
  amount: bigint;
}

/**
 * Taxes on a tax-exclusive net, each rounded on its own (per line): non-compound taxes on
 * the net; compound taxes on the net plus all the non-compound taxes of the line.
 */
export function taxesOnNet(net: bigint, rates: readonly TaxRate[]): LineTax[] {
  const simple = rates.filter((r) => !r.compound);
  const compound = rates.filter((r) => r.compound);
  const out: LineTax[] = simple.map((r) => ({
    taxId: r.id,
    base: net,
    amount: percentOf(net, ratePpm(r.percent)),
  }));
  const compoundBase = net + out.reduce((s, t) => s + t.amount, 0n);
  for (const r of compound)
    out.push({ taxId: r.id, base: compoundBase, amount: percentOf(compoundBase, ratePpm(r.percent)) });
  // Keep the order the rates were given in, so a line lists its taxes as the user chose them.
  return rates.map((r) => out.find((t) => t.taxId === r.id)!);
}

/**
 * Splits a tax-inclusive amount into net and taxes. The net is chosen so that charging the
 * taxes on it gives back exactly the inclusive amount whenever such a net exists, which makes
 * a tax-inclusive document agree to the cent with the tax-exclusive one for the same goods.
 * When no net fits (a price no exclusive net produces), the nearest net is used and the
 * last tax absorbs the difference, so net + taxes always equals what the customer pays.
 */
export function splitInclusive(
  inclusive: bigint,
  rates: readonly TaxRate[],
): { net: bigint; taxes: LineTax[] } {
  if (rates.length === 0) return { net: inclusive, taxes: [] };
  const simple = rates.filter((r) => !r.compound).reduce((s, r) => s + ratePpm(r.percent), 0n);
  const compound = rates.filter((r) => r.compound).reduce((s, r) => s + ratePpm(r.percent), 0n);
  // inclusive = net × (1 + simple) × (1 + compound)
  const estimate = roundDiv(inclusive * PPM * PPM, (PPM + simple) * (PPM + compound));
  const total = (net: bigint) => net + taxesOnNet(net, rates).reduce((s, t) => s + t.amount, 0n);
  for (const delta of [0n, -1n, 1n, -2n, 2n, -3n, 3n]) {
    const net = estimate + delta;
    if (total(net) === inclusive) return { net, taxes: taxesOnNet(net, rates) };
  }
  const taxes = taxesOnNet(estimate, rates);
  const gap = inclusive - total(estimate);
  const last = taxes[taxes.length - 1]!;
  taxes[taxes.length - 1] = { ...last, amount: last.amount + gap };
  return { net: estimate, taxes };
}

/** "VAT 23%" as named, or "GST 5%" when the name does not already say the rate; compound noted. */
export function taxLabel(t: { name: string; percent: string; compound: boolean }): string {
  const withRate = t.name.includes(`${t.percent}%`) ? t.name : `${t.name} ${t.percent}%`;
  return t.compound ? `${withRate} (compound)` : withRate;
}

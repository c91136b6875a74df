/**
 * Splits a whole amount (integer minor units) into parts proportional to integer weights, so
 * that the parts add up exactly to the whole: each part is first rounded toward zero, then the
 * units left over go one each to the parts with the largest remainders (the earlier part wins a
 * tie). This is the largest-remainder method; with BigInt it stays exact for any amount.
 * Used to spread a bill's base-currency total, or a payment, over expense categories.
 */
export function splitProportionally(whole: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(whole)) throw new Error(`Not a whole amount: ${whole}`);
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0))
    throw new Error('Weights must be whole numbers of zero or more');
  const total = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (total === 0n) {
    if (whole === 0) return weights.map(() => 0);
    throw new Error('Cannot split an amount over weights that are all zero');
  }
  const sign = whole < 0 ? -1n : 1n;
  const amount = BigInt(whole) * sign;
  const parts = weights.map((w) => (amount * BigInt(w)) / total);
  const remainders = weights.map((w, i) => ({ i, r: (amount * BigInt(w)) % total }));
  let left = amount - parts.reduce((s, p) => s + p, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts.map((p) => Number(p * sign));
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decimalForInput, parseDecimalInput } from '../../src/shared/domain/number-input';
import { parseMoney } from '../../src/shared/domain/money';

describe('one parse for every typed number', () => {
  it('reads the German decimal comma and grouping', () => {
    expect(parseDecimalInput('12,5', ',', 4)).toBe('12.5');
    expect(parseDecimalInput('1.234,5', ',', 4)).toBe('1234.5');
    expect(parseDecimalInput('9,975', ',', 4)).toBe('9.975');
    expect(parseDecimalInput('1 234,50', ',', 4)).toBe('1234.5');
    expect(parseDecimalInput('-0,5', ',', 4)).toBe('-0.5');
    // One other separator where grouping makes no sense is a decimal point.
    expect(parseDecimalInput('12.5', ',', 4)).toBe('12.5');
    expect(parseDecimalInput('1.500', ',', 4)).toBe('1500');
  });

  it('reads English text the English way', () => {
    expect(parseDecimalInput('12.5', '.', 4)).toBe('12.5');
    expect(parseDecimalInput('1,234.5', '.', 4)).toBe('1234.5');
    expect(parseDecimalInput('12,5', '.', 4)).toBe('12.5');
    expect(parseDecimalInput('1.0845', '.', 8)).toBe('1.0845');
  });

  it('refuses what is not a number, or has too many decimals', () => {
    for (const bad of ['', ' ', 'abc', '1,2,3', '1.2.3', '12,5,0', '1..2', '--1', '1e3', ',', '1,23,456.5'])
      expect(parseDecimalInput(bad, '.', 4)).toBeNull();
    expect(parseDecimalInput('1,23456', ',', 4)).toBeNull();
  });

  it('what the input shows reads back as the same number, in both locales', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.constantFrom('.' as const, ',' as const),
        (n, sep) => {
          const canonical = normalizeFromScaled(n);
          expect(parseDecimalInput(decimalForInput(canonical, sep), sep, 4)).toBe(canonical);
        },
      ),
    );
  });

  it('money goes through the same parse', () => {
    expect(parseMoney('12.5', 'EUR', ',')).toBe(1250);
    expect(parseMoney('1.234,50', 'EUR', ',')).toBe(123450);
    expect(parseMoney('1,2,3', 'EUR', '.')).toBeNull();
  });
});

function normalizeFromScaled(n: number): string {
  const neg = n < 0;
  const s = String(Math.abs(n)).padStart(5, '0');
  const units = s.slice(0, -4).replace(/^0+(?=\d)/, '');
  const fraction = s.slice(-4).replace(/0+$/, '');
  return `${neg && n !== 0 ? '-' : ''}${units}${fraction ? '.' + fraction : ''}`;
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decimalSeparatorOf,
  formatMoney,
  minorToDecimalString,
  parseMoney,
} from '../../src/shared/domain/money';
import { isCurrencyCode, minorUnits } from '../../src/shared/domain/currencies';

describe('money', () => {
  it('knows ISO minor units, not display conventions', () => {
    expect(minorUnits('EUR')).toBe(2);
    expect(minorUnits('JPY')).toBe(0);
    expect(minorUnits('BHD')).toBe(3);
    expect(isCurrencyCode('XYZ')).toBe(false);
  });

  it('writes minor units as exact decimals', () => {
    expect(minorToDecimalString(123456, 'EUR')).toBe('1234.56');
    expect(minorToDecimalString(-5, 'EUR')).toBe('-0.05');
    expect(minorToDecimalString(1500, 'JPY')).toBe('1500');
    expect(minorToDecimalString(1, 'BHD')).toBe('0.001');
  });

  it('reads amounts in the locale decimal style and rejects what is not an amount', () => {
    expect(parseMoney('1,234.50', 'EUR', '.')).toBe(123450);
    expect(parseMoney('1.234,50', 'EUR', ',')).toBe(123450);
    expect(parseMoney('-0.5', 'USD')).toBe(-50);
    expect(parseMoney('12.345', 'BHD')).toBe(12345);
    expect(parseMoney('0.5', 'JPY')).toBeNull();
    expect(parseMoney('1.005', 'EUR')).toBeNull();
    expect(parseMoney('abc', 'EUR')).toBeNull();
    expect(parseMoney('', 'EUR')).toBeNull();
    expect(decimalSeparatorOf('de-DE')).toBe(',');
    expect(decimalSeparatorOf('en-US')).toBe('.');
  });

  it('round-trips every amount through text without a cent lost', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('EUR', 'JPY', 'BHD'),
        (minor, currency) => {
          return parseMoney(minorToDecimalString(minor, currency), currency) === minor;
        },
      ),
    );
  });

  it('formats by locale with the currency decimals', () => {
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney(123456, 'USD', 'en-US')).toBe('$1,234.56');
    expect(formatMoney(1234, 'JPY', 'en-US')).toBe('¥1,234');
    expect(formatMoney(1234, 'BHD', 'en-US', { code: true })).toBe('BHD\u00a01.234');
    // Beyond float precision: still exact.
    expect(formatMoney(900719925474099, 'USD', 'en-US')).toBe('$9,007,199,254,740.99');
  });
});

describe('exchange rates', () => {
  it('converts exactly between currencies with different minor units', async () => {
    const { toBase } = await import('../../src/shared/domain/fx');
    expect(toBase(10000, 'USD', '0.92', 'EUR')).toBe(9200);
    expect(toBase(123456, 'JPY', '0.0061', 'EUR')).toBe(75308); // ¥123,456 × 0.0061 = €753.0816
    expect(toBase(1000, 'BHD', '2.44', 'EUR')).toBe(244); // 1.000 BHD × 2.44 = €2.44
    expect(toBase(5000, 'EUR', '1', 'EUR')).toBe(5000);
  });
});

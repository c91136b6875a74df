import { describe, expect, it } from 'vitest';
import { addressLines, countryCode } from '../../src/shared/domain/address';
import { defaultSmallBusinessNote } from '../../src/shared/domain/small-business';

const blank = { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' };

describe('addressLines: each country its own way', () => {
  it('prints a US address with city, state ZIP on one line', () => {
    const a = {
      ...blank,
      line1: '500 Howard St',
      line2: 'Suite 300',
      city: 'San Francisco',
      region: 'CA',
      postalCode: '94105',
    };
    for (const country of ['US', 'USA', 'United States', 'united states of america'])
      expect(addressLines({ ...a, country })).toEqual([
        '500 Howard St',
        'Suite 300',
        'San Francisco, CA 94105',
        country,
      ]);
  });

  it('prints a UK address with the postcode on its own line', () => {
    expect(
      addressLines({
        ...blank,
        line1: '10 Downing Street',
        city: 'London',
        postalCode: 'SW1A 2AA',
        country: 'United Kingdom',
      }),
    ).toEqual(['10 Downing Street', 'London', 'SW1A 2AA', 'United Kingdom']);
  });

  it('prints a German address as "PLZ Ort", without the state', () => {
    expect(
      addressLines({
        ...blank,
        line1: 'Invalidenstraße 116',
        city: 'Berlin',
        region: 'Berlin',
        postalCode: '10115',
        country: 'Deutschland',
      }),
    ).toEqual(['Invalidenstraße 116', '10115 Berlin', 'Deutschland']);
  });

  it('keeps the old order for countries it does not know, and skips empty parts', () => {
    expect(
      addressLines({
        ...blank,
        line1: '1 Market Street',
        city: 'Dublin',
        postalCode: 'D02 XY45',
        country: 'Ireland',
      }),
    ).toEqual(['1 Market Street', 'D02 XY45 Dublin', 'Ireland']);
    expect(addressLines({ ...blank, city: 'Austin', region: 'TX', country: 'US' })).toEqual([
      'Austin, TX',
      'US',
    ]);
    expect(addressLines(blank)).toEqual([]);
  });

  it('recognises countries by code or name', () => {
    expect(['us', ' U.S.A. ', 'Germany', 'DE', 'uk', 'England', 'Narnia'].map(countryCode)).toEqual([
      'US',
      'US',
      'DE',
      'DE',
      'GB',
      'GB',
      '',
    ]);
  });
});

describe('the § 19 UStG note', () => {
  it('defaults to German for a German business or language, English otherwise', () => {
    expect(defaultSmallBusinessNote('Deutschland', 'en-GB')).toBe(
      'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.',
    );
    expect(defaultSmallBusinessNote('', 'de-DE')).toBe('Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.');
    expect(defaultSmallBusinessNote('Ireland', 'en-IE')).toBe(
      'No VAT charged: small business exemption (§ 19 UStG).',
    );
  });
});

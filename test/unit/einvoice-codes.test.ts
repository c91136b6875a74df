import { describe, expect, it } from 'vitest';
import {
  buyerReferenceProblem,
  countryCode,
  electronicAddressProblem,
  leitwegCheckDigits,
  leitwegProblem,
  parseParticipantId,
  unitCode,
  vatIdProblem,
} from '../../src/shared/domain/einvoice/codes';
import { escapeText, xmlDocument } from '../../src/shared/domain/einvoice/xml';

describe('e-invoice code lists and identifier checks', () => {
  it('checks Leitweg-IDs with their ISO 7064 Mod 97-10 check digits', () => {
    expect(leitwegProblem('04011000-12345-03')).toBeNull();
    expect(leitwegProblem('991-01234-38')).toBeNull();
    expect(leitwegProblem('04011000-12345-04')).toMatch(/check digits/);
    expect(leitwegProblem('ABC')).toMatch(/looks like/);
    expect(leitwegCheckDigits('04011000-12345')).toBe('03');
    expect(buyerReferenceProblem('PO 4711')).toBeNull();
    expect(buyerReferenceProblem('04011000-12345-04')).toMatch(/check digits/);
  });

  it('checks VAT IDs by their country prefix', () => {
    expect(vatIdProblem('DE123456789')).toBeNull();
    expect(vatIdProblem('de 123 456 789')).toBeNull();
    expect(vatIdProblem('DE12345')).toMatch(/DE VAT ID, like DE123456789/);
    expect(vatIdProblem('ATU12345678')).toBeNull();
    expect(vatIdProblem('NL123456789B01')).toBeNull();
    expect(vatIdProblem('123456789')).toMatch(/starts with its country code/);
  });

  it('checks electronic addresses and splits Peppol participant IDs', () => {
    expect(electronicAddressProblem('EM', 'a@b.example')).toBeNull();
    expect(electronicAddressProblem('EM', 'nope')).toMatch(/email address/);
    expect(electronicAddressProblem('9930', 'DE123456789')).toBeNull();
    expect(electronicAddressProblem('9930', 'DE123')).toMatch(/country prefix/);
    expect(electronicAddressProblem('1234', 'x')).toMatch(/not a known/);
    expect(electronicAddressProblem('', 'x')).toMatch(/Choose the scheme/);
    expect(parseParticipantId('0208:0123456789')).toEqual({ scheme: '0208', id: '0123456789' });
    expect(parseParticipantId('iso6523-actorid-upis::9930:DE123456789')).toEqual({
      scheme: '9930',
      id: 'DE123456789',
    });
    expect(parseParticipantId('hello')).toBeNull();
  });

  it('maps units and countries as people type them', () => {
    expect(unitCode('Stunden')).toBe('HUR');
    expect(unitCode('Stk')).toBe('H87');
    expect(unitCode('HUR')).toBe('HUR');
    expect(unitCode('')).toBe('C62');
    expect(unitCode('Ktn')).toBeNull();
    expect(unitCode('Ktn', { ktn: 'XBX' })).toBe('XBX');
    expect(countryCode('Deutschland')).toBe('DE');
    expect(countryCode('gr')).toBe('GR');
    expect(countryCode('Atlantis')).toBeNull();
  });

  it('writes well-formed XML whatever the text holds', () => {
    expect(escapeText('a < b & c > d\u0001\uD800')).toBe('a &lt; b &amp; c &gt; d');
    const doc = xmlDocument('r', { a: 'x"y\n' });
    doc.root.ele('c').txt('Ω & <');
    expect(doc.end()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<r a="x&quot;y&#10;">\n  <c>Ω &amp; &lt;</c>\n</r>\n',
    );
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEInvoiceXml } from '../../src/shared/domain/einvoice-in/detect';
import { draftFromEInvoice, nameKey, termsFromText } from '../../src/shared/domain/einvoice-in/map';
import { all, attr, EInvoiceFormatError, parseXml, txt } from '../../src/shared/domain/einvoice-in/xml';
import { parseScaled } from '../../src/shared/domain/decimal';
import { minorUnits } from '../../src/shared/domain/currencies';
import { einvoiceExamples, readBT } from '../helpers/einvoice';

const examples = einvoiceExamples();

describe('every official EN 16931 example reads into an exact draft', () => {
  it('finds the examples', () => expect(examples.length).toBeGreaterThan(25));
  for (const file of examples) {
    it(path.basename(file), () => {
      const xml = fs.readFileSync(file, 'utf8');
      const inv = parseEInvoiceXml(xml);
      const bt = readBT(xml);
      const draft = draftFromEInvoice(inv);
      const minor = (v: string) => Number(parseScaled(v, minorUnits(inv.currency)));
      const sign =
        draft.kind === 'vendor_credit'
          ? inv.kind === 'credit_note'
            ? 1
            : -1
          : inv.kind === 'credit_note'
            ? -1
            : 1;
      expect(draft.subtotal).toBe(sign * minor(bt.bt109));
      expect(draft.tax).toBe(sign * minor(bt.bt110));
      expect(draft.payable).toBe(sign * minor(bt.bt115));
      expect(inv.seller.vatId).toBe(bt.bt31);
      expect(draft.lines.reduce((s, l) => s + l.amount, 0)).toBe(draft.subtotal);
      expect(draft.lines.reduce((s, l) => s + l.tax, 0)).toBe(draft.tax);
      expect(inv.lines.length).toBe(bt.lines);
    });
  }
});

describe('hostile and wrong XML is refused with a sentence', () => {
  const refuse = (xml: string) => {
    try {
      parseEInvoiceXml(xml);
    } catch (e) {
      expect(e).toBeInstanceOf(EInvoiceFormatError);
      return (e as Error).message;
    }
    throw new Error('not refused');
  };
  it('XXE', () =>
    expect(
      refuse(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Invoice>&e;</Invoice>',
      ),
    ).toMatch(/DOCTYPE/));
  it('billion laughs', () =>
    expect(
      refuse('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>'),
    ).toMatch(/DOCTYPE/));
  it('malformed', () => expect(refuse('<Invoice><ID>1</Invoice>')).toMatch(/not well-formed/));
  it('wrong root', () =>
    expect(refuse('<Order xmlns="urn:x"><ID>1</ID></Order>')).toMatch(/not an e-invoice.*<Order>/));
  it('truncated', () => {
    const xml = fs.readFileSync(examples[0]!, 'utf8');
    expect(refuse(xml.slice(0, Math.floor(xml.length / 2)))).toMatch(/not well-formed/);
  });
  it('an entity XML does not define, a repeated attribute, a second root', () => {
    for (const bad of ['<Invoice>&nbsp;</Invoice>', '<Invoice a="1" a="2"/>', '<Invoice/><Invoice/>'])
      expect(refuse(bad), bad).toMatch(/not well-formed XML \(line 1: .+\)/);
  });
  it('UBL root in a foreign namespace', () =>
    expect(refuse('<Invoice xmlns="urn:example"><ID>1</ID></Invoice>')).toMatch(/not an e-invoice/));
});

describe('the XML tree', () => {
  it('text and attributes are decoded once, CDATA is text, prefixes and namespace declarations are not names', () => {
    const { root, node } = parseXml(
      '<?xml version="1.0"?><p:Invoice xmlns:p="urn:p" xmlns="urn:d" p:kind=" a &amp;amp; b "><Note>x &amp;lt; y &#x20AC; <![CDATA[<z> & ]]>w</Note><Note/></p:Invoice>',
    );
    expect(root).toBe('Invoice');
    expect(attr(node, 'kind')).toBe('a &amp; b');
    expect(Object.keys(node).sort()).toEqual(['#text', '@kind', 'Note']);
    expect(all(node, 'Note').map((n) => txt(n))).toEqual(['x &lt; y € <z> & w', '']);
  });
});

describe('what the files say is kept exactly', () => {
  const example = () =>
    fs.readFileSync(
      examples.find((f) => f.endsWith('ubl-tc434-example1.xml'))!,
      'utf8',
    );
  it('an amount with more decimals than its currency is refused, not rounded', () => {
    const xml = example().replace(/(<cbc:PayableAmount currencyID="EUR">)([^<]+)</, '$1$21<');
    expect(() => draftFromEInvoice(parseEInvoiceXml(xml))).toThrow(
      /more decimals than EUR has; Folio does not round/,
    );
  });
  it('ZUGFeRD 1.0 is named and refused', () => {
    expect(() =>
      parseEInvoiceXml(
        '<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0"><rsm:HeaderExchangedDocument/></rsm:CrossIndustryDocument>',
      ),
    ).toThrow(/ZUGFeRD 1.0/);
  });
  it('a credit note becomes a vendor credit with positive amounts', () => {
    const file = examples.find((f) => f.endsWith('ubl-tc434-creditnote1.xml'))!;
    const draft = draftFromEInvoice(parseEInvoiceXml(fs.readFileSync(file, 'utf8')));
    expect(draft.kind).toBe('vendor_credit');
    expect(draft.total).toBeGreaterThan(0);
  });
  it('an invoice with a negative total becomes a vendor credit', () => {
    const file = examples.find((f) => f.endsWith('BIS3_Invoice_negativ.XML'))!;
    const draft = draftFromEInvoice(parseEInvoiceXml(fs.readFileSync(file, 'utf8')));
    expect(draft.kind).toBe('vendor_credit');
    expect(draft.payable).toBe(782179_43);
  });
});

describe('matching helpers', () => {
  it('names compare without case, punctuation or legal form', () => {
    expect(nameKey('Müller & Söhne GmbH')).toBe(nameKey('MULLER AND SOHNE'));
    expect(nameKey('Acme, Inc.')).toBe(nameKey('acme'));
    expect(nameKey('Acme')).not.toBe(nameKey('Acne'));
  });
  it('terms text gives a due date', () => {
    expect(termsFromText('Payment within 30 days')).toEqual({ kind: 'net', days: 30 });
    expect(termsFromText('Zahlbar innerhalb 14 Tagen')).toEqual({ kind: 'net', days: 14 });
    expect(termsFromText('net 10')).toEqual({ kind: 'net', days: 10 });
    expect(termsFromText('See contract')).toBeNull();
  });
});

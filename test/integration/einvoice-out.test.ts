import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { openTestFolio, type TestFolio } from '../helpers/folio';
import { scenarios, seedGermanBusiness, type GermanSeed } from '../helpers/einvoice-seed';
import fs from 'node:fs';
import path from 'node:path';
import {
  EN16931_CII_XSLT,
  EN16931_UBL_XSLT,
  haveSaxon,
  RULES_DIR,
  runSchematron,
  validateCiiXsd,
} from '../helpers/einvoice';
import { compileSchematron } from '../helpers/schematron';
import { tempDir } from '../helpers/tmp';
import type { Document } from '../../src/shared/api/documents';

const FORMATS = ['xrechnung-cii', 'en16931-cii', 'xrechnung-ubl', 'peppol', 'en16931-ubl'] as const;

let t: TestFolio;
let seed: GermanSeed;
const docs: Record<string, Document> = {};
const xml: Record<string, string> = {};

beforeAll(async () => {
  t = await openTestFolio();
  seed = await seedGermanBusiness(t);
  for (const [name, input] of Object.entries(scenarios(seed))) {
    const draft = await t.call('documents.create', input);
    docs[name] = await t.call('documents.issue', { id: draft.id });
  }
  const credit = await t.call('creditNotes.fromInvoice', { invoiceId: docs.mixed!.id });
  docs.credit = await t.call('documents.issue', { id: credit.id });
  for (const [name, doc] of Object.entries(docs))
    for (const format of FORMATS) {
      const file = await t.call('einvoice.download', { id: doc.id, format });
      xml[`${name}.${format}.xml`] = Buffer.from(file.dataBase64, 'base64').toString('utf8');
    }
}, 120_000);
afterAll(() => t?.close());

describe.skipIf(!haveSaxon())('e-invoices out, judged by the official EN 16931 rules', () => {
  it('every scenario in every CII format has 0 fatal asserts', () => {
    const cii = Object.fromEntries(Object.entries(xml).filter(([n]) => n.includes('-cii')));
    const failures = runSchematron(EN16931_CII_XSLT, cii);
    const fatal = Object.entries(failures).filter(([, f]) => f.length > 0);
    expect(fatal.map(([n, f]) => `${n}: ${f.map((x) => `${x.id} ${x.text}`).join(' | ')}`)).toEqual([]);
  }, 180_000);

  it('every scenario in every UBL format has 0 fatal asserts', () => {
    const ubl = Object.fromEntries(Object.entries(xml).filter(([n]) => !n.includes('-cii')));
    const failures = runSchematron(EN16931_UBL_XSLT, ubl);
    const fatal = Object.entries(failures).filter(([, f]) => f.length > 0);
    expect(fatal.map(([n, f]) => `${n}: ${f.map((x) => `${x.id} ${x.text}`).join(' | ')}`)).toEqual([]);
  }, 180_000);

  it('the judge is not blind: a broken total is reported', () => {
    const broken = xml['mixed.en16931-cii.xml']!.replace(
      /<ram:GrandTotalAmount>[^<]*</,
      '<ram:GrandTotalAmount>1.00<',
    );
    const failures = runSchematron(EN16931_CII_XSLT, { 'broken.xml': broken });
    expect(failures['broken.xml']!.map((f) => f.id)).toContain('BR-CO-15');
  }, 60_000);
});

describe.skipIf(!haveSaxon())('XRechnung files, judged by the KoSIT XRechnung 3.0 rules', () => {
  const sch = path.join(RULES_DIR, 'xrechnung/src/validation/schematron');
  const compiled = (syntax: 'ubl' | 'cii') => {
    const tmp = tempDir();
    const file = path.join(tmp.dir, `xrechnung-${syntax}.xsl`);
    fs.writeFileSync(
      file,
      compileSchematron(path.join(sch, syntax, `XRechnung-${syntax.toUpperCase()}-validation.sch`)),
    );
    return file;
  };

  it.each(['ubl', 'cii'] as const)(
    'every XRechnung %s file has 0 fatal asserts (and a plain EN 16931 file is caught)',
    (syntax) => {
      const files = Object.fromEntries(
        Object.entries(xml).filter(([n]) => n.includes(`xrechnung-${syntax}`)),
      );
      const plain = `mixed.en16931-${syntax}.xml`;
      const plainXml = xml[plain]!.replace(/<(cbc|ram):BuyerReference>[^<]*<\/(cbc|ram):BuyerReference>/, '');
      const failures = runSchematron(compiled(syntax), { ...files, [plain]: plainXml });
      expect(failures[plain]!.map((f) => f.id)).toContain('BR-DE-15');
      delete failures[plain];
      const fatal = Object.entries(failures).filter(([, f]) => f.length > 0);
      expect(
        fatal.map(([n, f]) => `${n}: ${f.map((x) => `${x.id} ${x.text.slice(0, 160)}`).join(' | ')}`),
      ).toEqual([]);
    },
    180_000,
  );
});

describe('the CII files against the D16B XSD', () => {
  it('every CII file is valid, and a misplaced element is caught', async () => {
    const cii = Object.fromEntries(Object.entries(xml).filter(([n]) => n.includes('-cii')));
    expect(await validateCiiXsd(cii)).toEqual([]);
    const swapped = xml['mixed.en16931-cii.xml']!.replace(
      /(<ram:TypeCode>380<\/ram:TypeCode>)(\s*)(<ram:IssueDateTime>[\s\S]*?<\/ram:IssueDateTime>)/,
      '$3$2$1',
    );
    expect(swapped).not.toBe(xml['mixed.en16931-cii.xml']);
    expect((await validateCiiXsd({ 'swapped.xml': swapped })).join('\n')).toMatch(/IssueDateTime|TypeCode/);
  }, 120_000);
});

describe('e-invoices read back', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    removeNSPrefix: true,
    processEntities: false,
    parseTagValue: false,
    isArray: (name) =>
      [
        'IncludedSupplyChainTradeLineItem',
        'ApplicableTradeTax',
        'InvoiceLine',
        'CreditNoteLine',
        'TaxSubtotal',
      ].includes(name),
  });
  const cents = (v: unknown) =>
    Math.round(Number(typeof v === 'object' ? (v as { '#text': string })['#text'] : v) * 100);

  it.each(['mixed', 'discounts', 'inclusive', 'usd', 'credit'])(
    '%s: CII gives back the totals, VAT breakdown and lines',
    (name) => {
      const doc = docs[name]!;
      const x = parser.parse(xml[`${name}.en16931-cii.xml`]!).CrossIndustryInvoice;
      const settlement = x.SupplyChainTradeTransaction.ApplicableHeaderTradeSettlement;
      const sum = settlement.SpecifiedTradeSettlementHeaderMonetarySummation;
      expect(cents(sum.TaxBasisTotalAmount)).toBe(doc.totals.net);
      expect(cents(sum.TaxTotalAmount)).toBe(doc.totals.tax);
      expect(cents(sum.GrandTotalAmount)).toBe(doc.totals.total);
      expect(x.ExchangedDocument.TypeCode).toBe(doc.type === 'credit_note' ? '381' : '380');
      const breakdown = (
        settlement.ApplicableTradeTax as {
          RateApplicablePercent: string;
          BasisAmount: string;
          CalculatedAmount: string;
        }[]
      )
        .map((b) => ({
          percent: b.RateApplicablePercent,
          base: cents(b.BasisAmount),
          amount: cents(b.CalculatedAmount),
        }))
        .sort((a, b) => a.percent.localeCompare(b.percent));
      expect(breakdown).toEqual(
        doc.totals.taxes
          .map((t) => ({ percent: t.percent, base: t.base, amount: t.amount }))
          .sort((a, b) => a.percent.localeCompare(b.percent)),
      );
      const lines = x.SupplyChainTradeTransaction.IncludedSupplyChainTradeLineItem as {
        SpecifiedTradeProduct: { Name: string };
      }[];
      expect(lines.map((l) => l.SpecifiedTradeProduct.Name)).toEqual(doc.lines.map((l) => l.description));
    },
  );

  it.each(['mixed', 'discounts', 'inclusive', 'usd', 'thousand'])(
    '%s: each Peppol line nets to quantity × price − allowance (PEPPOL-EN16931-R120, not in the shared rules)',
    (name) => {
      const x = parser.parse(xml[`${name}.peppol.xml`]!).Invoice;
      for (const l of x.InvoiceLine as {
        InvoicedQuantity: { '#text': string };
        LineExtensionAmount: { '#text': string };
        Price: { PriceAmount: { '#text': string } };
        AllowanceCharge?: { Amount: { '#text': string } };
      }[]) {
        const expected =
          Number(l.InvoicedQuantity['#text']) * Number(l.Price.PriceAmount['#text']) -
          Number(l.AllowanceCharge?.Amount['#text'] ?? 0);
        expect(Math.abs(Math.round(expected * 100) - cents(l.LineExtensionAmount))).toBeLessThanOrEqual(0);
      }
    },
  );

  it('credit note: UBL CreditNote with the invoice it corrects', () => {
    const x = parser.parse(xml['credit.peppol.xml']!).CreditNote;
    expect(x.CreditNoteTypeCode).toBe('381');
    expect(x.BillingReference.InvoiceDocumentReference.ID).toBe(docs.mixed!.number);
    expect(cents(x.LegalMonetaryTotal.PayableAmount)).toBe(docs.credit!.total);
    expect(x.CreditNoteLine).toHaveLength(docs.credit!.lines.length);
  });

  it('1,000 lines come back as 1,000 lines with the document total', () => {
    const x = parser.parse(xml['thousand.xrechnung-ubl.xml']!).Invoice;
    expect(x.InvoiceLine).toHaveLength(1000);
    expect(cents(x.LegalMonetaryTotal.TaxInclusiveAmount)).toBe(docs.thousand!.total);
    expect(x.BuyerReference).toBe('04011000-12345-03');
  });

  it('Greek and Cyrillic names survive', () => {
    expect(xml['greek.en16931-ubl.xml']).toContain('Ελληνική Εταιρεία Α.Ε.');
    expect(xml['cyrillic.en16931-cii.xml']).toContain('ООО «Ромашка»');
  });
});

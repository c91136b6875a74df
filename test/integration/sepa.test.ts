import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { billInput, setupBusiness, vendorInput } from '../helpers/payables';
import { BANK, setupDocuments } from '../helpers/documents';
import { bankAccountIn, sepaText } from '../../src/shared/domain/sepa';

/**
 * A payment run as a SEPA credit transfer file (pain.001.001.09 and .03). The official XSDs
 * are not shipped by any npm package found (see the report), so the file is checked
 * structurally: parsed back, element order as in the XSDs, counts, control sums, IBANs, BICs,
 * amounts and remittance information per transaction, lengths and the SEPA character set.
 */
const clock = fixedClock('2026-03-10T09:30:00Z');
let t: TestFolio;

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => name === 'CdtTrfTxInf',
});
/** Child element names in document order, to compare with the XSD sequences. */
const preserve = new XMLParser({ preserveOrder: true, ignoreAttributes: true, parseTagValue: false });
function childOrder(xml: string, path: string[]): string[] {
  let nodes = preserve.parse(xml) as Record<string, unknown>[];
  for (const name of path) {
    const node = nodes.find((n) => name in n)!;
    nodes = node[name] as Record<string, unknown>[];
  }
  return nodes.map((n) => Object.keys(n)[0]!).filter((k) => k !== '#text');
}

const PMT_INF_ORDER = [
  'PmtInfId',
  'PmtMtd',
  'BtchBookg',
  'NbOfTxs',
  'CtrlSum',
  'PmtTpInf',
  'ReqdExctnDt',
  'Dbtr',
  'DbtrAcct',
  'DbtrAgt',
  'ChrgBr',
];

async function makeRun(
  vendors: { name: string; bankDetails: string; currency?: string; bills: [string, number][] }[],
) {
  const ids: number[] = [];
  for (const v of vendors) {
    const vendor = await t.call(
      'vendors.create',
      vendorInput({ name: v.name, bankDetails: v.bankDetails, currency: v.currency ?? 'EUR' }),
    );
    for (const [number, price] of v.bills) {
      const saved = await t.call(
        'bills.create',
        billInput(vendor.id, {
          vendorInvoiceNumber: number,
          billDate: '2026-03-01',
          exchangeRate: v.currency && v.currency !== 'EUR' ? '0.92' : undefined,
          lines: [{ description: 'Supplies', quantity: 1, unitPrice: price, tax: 0 }],
        }),
      );
      ids.push(saved.bill.id);
    }
  }
  const preview = await t.call('billPayments.runPreview', {
    paymentDate: '2026-03-12',
    billIds: ids,
    takeDiscounts: false,
  });
  const run = await t.call('billPayments.run', {
    paymentDate: '2026-03-12',
    method: 'bank_transfer',
    reference: 'March run',
    billIds: ids,
    takeDiscounts: false,
    exchangeRates: vendors.some((v) => v.currency === 'USD') ? [{ currency: 'USD', rate: '0.92' }] : [],
  });
  return { run, preview };
}

beforeAll(async () => {
  t = await openTestFolio({ clock });
  await setupBusiness(t);
  await setupDocuments(t);
});
afterAll(async () => t.close());

describe('the SEPA file of a payment run', () => {
  it('pain.001.001.09: one transaction per vendor, sums, accounts and bill numbers as in the run', async () => {
    const { run, preview } = await makeRun([
      {
        name: 'Müller & Söhne GmbH',
        bankDetails: 'IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX',
        bills: [
          ['RE-2026-17', 1_234_56],
          ['RE-2026-18', 65_44],
        ],
      },
      { name: 'Zoë Café SARL', bankDetails: 'FR14 2004 1010 0505 0001 3M02 606', bills: [['F-889', 99_99]] },
    ]);
    const file = await t.call('billPayments.sepaFile', { runId: run.runId });
    expect(file).toMatchObject({
      version: 'pain.001.001.09',
      transactions: 2,
      controlSum: preview.totals[0]!.cash,
      executionDate: '2026-03-12',
    });
    expect(file.controlSum).toBe(1_234_56 + 65_44 + 99_99);

    const doc = parser.parse(file.xml);
    expect(doc.Document['@_xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
    const root = doc.Document.CstmrCdtTrfInitn;
    expect(root.GrpHdr).toMatchObject({ NbOfTxs: '2', CtrlSum: '1399.99', CreDtTm: '2026-03-10T09:30:00' });
    expect(root.GrpHdr.MsgId).toBe(file.messageId);
    expect(file.messageId.length).toBeLessThanOrEqual(35);
    const info = root.PmtInf;
    expect(info).toMatchObject({
      PmtMtd: 'TRF',
      BtchBookg: 'true',
      NbOfTxs: '2',
      CtrlSum: '1399.99',
      PmtTpInf: { SvcLvl: { Cd: 'SEPA' } },
      ReqdExctnDt: { Dt: '2026-03-12' },
      Dbtr: { Nm: BANK.accountHolder },
      DbtrAcct: { Id: { IBAN: BANK.iban } },
      DbtrAgt: { FinInstnId: { BICFI: BANK.bic } },
      ChrgBr: 'SLEV',
    });
    expect(childOrder(file.xml, ['Document', 'CstmrCdtTrfInitn', 'PmtInf'])).toEqual([
      ...PMT_INF_ORDER,
      'CdtTrfTxInf',
      'CdtTrfTxInf',
    ]);

    const [muller, zoe] = info.CdtTrfTxInf;
    expect(muller).toMatchObject({
      Amt: { InstdAmt: { '#text': '1300.00', '@_Ccy': 'EUR' } },
      CdtrAgt: { FinInstnId: { BICFI: 'COBADEFFXXX' } },
      Cdtr: { Nm: 'Mueller + Soehne GmbH' },
      CdtrAcct: { Id: { IBAN: 'DE89370400440532013000' } },
      RmtInf: { Ustrd: 'RE-2026-17, RE-2026-18' },
    });
    expect(zoe).toMatchObject({
      Amt: { InstdAmt: { '#text': '99.99', '@_Ccy': 'EUR' } },
      Cdtr: { Nm: 'Zoe Cafe SARL' },
      CdtrAcct: { Id: { IBAN: 'FR1420041010050500013M02606' } },
      RmtInf: { Ustrd: 'F-889' },
    });
    // No BIC known: IBAN-only, no creditor agent at all.
    expect(zoe.CdtrAgt).toBeUndefined();
    const ids = info.CdtTrfTxInf.map((x: { PmtId: { EndToEndId: string } }) => x.PmtId.EndToEndId);
    expect(new Set(ids).size).toBe(2);
    expect(childOrder(file.xml, ['Document', 'CstmrCdtTrfInitn', 'PmtInf', 'CdtTrfTxInf'])).toEqual([
      'PmtId',
      'Amt',
      'CdtrAgt',
      'Cdtr',
      'CdtrAcct',
      'RmtInf',
    ]);
    // Everything in the SEPA character set.
    const texts = file.xml
      .replace(/<[^>]+>/g, '\n')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const s of texts) expect(s, s).toMatch(/^[A-Za-z0-9/?:().,'+\- ]+$/);
  });

  it('pain.001.001.03 for older banking software: BIC elements and a plain execution date; batch booking off', async () => {
    const { run } = await makeRun([
      {
        name: 'Bürobedarf Schmidt',
        bankDetails: 'Sparkasse, IBAN: DE02120300000000202051 SWIFT: BYLADEM1001',
        bills: [['4711', 50_00]],
      },
    ]);
    const file = await t.call('billPayments.sepaFile', {
      runId: run.runId,
      version: 'pain.001.001.03',
      batchBooking: false,
      executionDate: '2026-03-13',
    });
    const doc = parser.parse(file.xml);
    expect(doc.Document['@_xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    const info = doc.Document.CstmrCdtTrfInitn.PmtInf;
    expect(info).toMatchObject({
      BtchBookg: 'false',
      NbOfTxs: '1',
      CtrlSum: '50.00',
      ReqdExctnDt: '2026-03-13',
      DbtrAgt: { FinInstnId: { BIC: BANK.bic } },
    });
    expect(info.CdtTrfTxInf[0]).toMatchObject({
      Amt: { InstdAmt: { '#text': '50.00', '@_Ccy': 'EUR' } },
      CdtrAgt: { FinInstnId: { BIC: 'BYLADEM1001' } },
      Cdtr: { Nm: 'Buerobedarf Schmidt' },
      CdtrAcct: { Id: { IBAN: 'DE02120300000000202051' } },
      RmtInf: { Ustrd: '4711' },
    });
    expect(
      await t.raw('billPayments.sepaFile', { runId: run.runId, executionDate: '2026-03-09' }),
    ).toMatchObject({
      ok: false,
      error: {
        field: 'executionDate',
        message: 'The execution date cannot be in the past (today is 2026-03-10).',
      },
    });
  });

  it('refuses other currencies and vendors without a valid IBAN, naming them', async () => {
    const usd = await makeRun([
      {
        name: 'Cloud Inc',
        bankDetails: 'IBAN DE89 3704 0044 0532 0130 00',
        currency: 'USD',
        bills: [['C-1', 10_00]],
      },
      { name: 'Euro GmbH', bankDetails: 'IBAN DE89 3704 0044 0532 0130 00', bills: [['E-1', 10_00]] },
    ]);
    expect(await t.raw('billPayments.sepaFile', { runId: usd.run.runId })).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        field: 'runId',
        message: expect.stringMatching(
          /^A SEPA file can only pay euros\. This run also pays Cloud Inc in USD/,
        ),
      },
    });

    const noIban = await makeRun([
      { name: 'Typo Ltd', bankDetails: 'IBAN DE89 3704 0044 0532 0130 01', bills: [['T-1', 10_00]] },
      { name: 'Cash Only', bankDetails: '', bills: [['K-1', 10_00]] },
      { name: 'Good GmbH', bankDetails: 'DE89370400440532013000', bills: [['G-1', 10_00]] },
    ]);
    const refused = await t.raw('billPayments.sepaFile', { runId: noIban.run.runId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'runId' } });
    if (!refused.ok)
      expect(refused.error.message).toMatch(
        /^These vendors have no valid IBAN in their bank details: Cash Only, Typo Ltd\./,
      );

    expect(await t.raw('billPayments.sepaFile', { runId: 'no-such-run' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('SEPA rules', () => {
  it('finds the IBAN and a labelled BIC in free-text bank details', () => {
    expect(bankAccountIn('IBAN DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX')).toEqual({
      iban: 'DE89370400440532013000',
      bic: 'COBADEFFXXX',
    });
    expect(bankAccountIn('de89-3704-0044-0532-0130-00')).toEqual({ iban: 'DE89370400440532013000', bic: '' });
    expect(bankAccountIn('Account 12345678, sort code 12-34-56')).toBeNull();
    expect(bankAccountIn('IBAN DE89 3704 0044 0532 0130 01')).toBeNull();
  });
  it('writes names in the SEPA character set', () => {
    expect(sepaText('Ærø Øl & Co. — “Straße” #1', 70)).toBe('AEro Ol + Co. - Strasse 1');
    expect(sepaText('x'.repeat(80), 70)).toHaveLength(70);
  });
});

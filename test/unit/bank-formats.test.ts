import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCamt } from '../../src/shared/domain/bank/camt';
import { parseMt940 } from '../../src/shared/domain/bank/mt940';
import { parseOfx } from '../../src/shared/domain/bank/ofx';
import { lineFingerprints, StatementError } from '../../src/shared/domain/bank/statement';
import { guessCsvMapping, parseCsvStatement } from '../../src/main/services/bank/csv-statement';
import { readStatementFile } from '../../src/main/services/bank/formats';

const fixture = (name: string) => readFileSync(path.join(__dirname, '..', 'fixtures', 'bank', name));
const sum = (xs: { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);

describe('CAMT.053', () => {
  it('reads version 02: balances, booked lines only, parties, remittance', () => {
    const [s] = parseCamt(fixture('camt053-v02.xml').toString('utf8'));
    expect(s!.format).toBe('camt.053');
    expect(s!.accountIban).toBe('DE89370400440532013000');
    expect(s!.currency).toBe('EUR');
    expect(s!.opening).toEqual({ amount: 1_000_000, date: '2026-03-30' });
    expect(s!.closing).toEqual({ amount: 1_105_655, date: '2026-03-31' });
    expect(s!.lines).toHaveLength(2); // the pending entry is not a statement line
    expect(s!.opening!.amount + sum(s!.lines)).toBe(s!.closing!.amount);
    const [a, b] = s!.lines;
    expect(a).toMatchObject({
      amount: 119_000,
      counterpartyName: 'Müller & Söhne GmbH',
      counterpartyIban: 'DE02120300000000202051',
      counterpartyBic: 'BYLADEM1001',
      reference: 'Rechnung INV-2026-0001 vielen Dank',
      bankRef: '2026033100001',
    });
    expect(b).toMatchObject({
      amount: -13_345,
      counterpartyName: 'Stadtwerke Musterstadt',
      reference: 'RF18539007547034',
    });
  });

  it('reads version 08: Pty names, BICFI, a batch split into its transactions, a negative opening balance', () => {
    const [s] = parseCamt(fixture('camt053-v08.xml').toString('utf8'));
    expect(s!.opening).toEqual({ amount: -25_000, date: '2026-03-31' });
    expect(s!.closing!.amount).toBe(175_001);
    expect(s!.lines.map((l) => l.amount)).toEqual([150_000, 50_001]);
    expect(s!.opening!.amount + sum(s!.lines)).toBe(s!.closing!.amount);
    expect(s!.lines[0]).toMatchObject({
      bookingDate: '2026-04-01',
      counterpartyName: 'Ακμή Α.Ε.',
      counterpartyIban: 'GR1601101250000000012300695',
      counterpartyBic: 'ETHNGRAA',
      reference: '+++090/9337/55493+++',
      bankRef: 'BATCH-77-1',
    });
    expect(s!.lines[1]).toMatchObject({ counterpartyName: 'Иванов ООО', reference: 'inv2026-0002' });
  });

  it('reads CAMT.052 reports and CAMT.054 notifications with the same elements', () => {
    const v02 = fixture('camt053-v02.xml').toString('utf8');
    const camt052 = v02
      .replace(/BkToCstmrStmt/g, 'BkToCstmrAcctRpt')
      .replace(/<(\/?)Stmt>/g, '<$1Rpt>')
      .replace('camt.053.001.02', 'camt.052.001.02');
    const [r] = parseCamt(camt052);
    expect(r).toMatchObject({ format: 'camt.052', statementId: '2026-03-31-001' });
    expect(r!.lines.map((l) => l.amount)).toEqual([119_000, -13_345]);
    const camt054 = v02
      .replace(/BkToCstmrStmt/g, 'BkToCstmrDbtCdtNtfctn')
      .replace(/<(\/?)Stmt>/g, '<$1Ntfctn>');
    const [n] = parseCamt(camt054);
    expect(n).toMatchObject({ format: 'camt.054' });
    expect(n!.lines).toHaveLength(2);
  });

  it('names the element that is wrong', () => {
    const bad = fixture('camt053-v02.xml')
      .toString('utf8')
      .replace('<Amt Ccy="EUR">133.45</Amt>', '<Amt Ccy="EUR">13x.45</Amt>');
    expect(() => parseCamt(bad)).toThrow(/Ntry\[2\]\/Amt: “13x.45” is not an amount/);
    const noRoot = '<?xml version="1.0"?><Document><Foo/></Document>';
    expect(() => parseCamt(noRoot)).toThrow(/not a CAMT statement/);
  });

  it('refuses a DOCTYPE (external entities, entity expansion)', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document><BkToCstmrStmt><Stmt><Id>&x;</Id></Stmt></BkToCstmrStmt></Document>`;
    expect(() => parseCamt(xxe)).toThrow(StatementError);
    expect(() => parseCamt(xxe)).toThrow(/DOCTYPE/);
  });
});

describe('MT940', () => {
  it('reads balances, booking dates and the structured, multi-line :86:', () => {
    const [s] = parseMt940(fixture('statement.mt940').toString('utf8'));
    expect(s!.format).toBe('mt940');
    expect(s!.accountNumber).toBe('37040044/0532013000');
    expect(s!.opening).toEqual({ amount: 1_000_000, date: '2026-03-30' });
    expect(s!.closing).toEqual({ amount: 1_105_665, date: '2026-04-01' });
    expect(s!.lines).toHaveLength(3);
    expect(s!.opening!.amount + sum(s!.lines)).toBe(s!.closing!.amount);
    expect(s!.lines[0]).toMatchObject({
      bookingDate: '2026-03-31',
      amount: 119_000,
      counterpartyName: 'Müller & Söhne GmbH',
      counterpartyIban: 'DE02120300000000202051',
      counterpartyBic: 'BYLADEM1001',
      reference: 'EREF+NOTPROVIDEDSVWZ+Rechnung INV-2026-0001 vielen Dank',
      text: 'GUTSCHRIFT',
    });
    expect(s!.lines[1]).toMatchObject({ amount: -13_345, reference: 'RF18539007547034 KREF123' });
    expect(s!.lines[2]).toMatchObject({ amount: 10, text: 'Zinsen fuer Maerz 2026' });
  });

  it('reads an MT942 interim report (no opening balance, :34F: and :13D:)', () => {
    const mt942 = [
      ':20:INTRADAY1',
      ':25:DE89370400440532013000',
      ':28C:1/1',
      ':34F:EURD0,',
      ':13D:2604011200+0100',
      ':61:2604010401CR250,00NTRFNONREF',
      ':86:166?00GUTSCHRIFT?20INV-2026-0007?32ACME LTD',
      ':90C:1EUR250,00',
      '-',
    ].join('\r\n');
    const [s] = parseMt940(mt942);
    expect(s).toMatchObject({
      format: 'mt942',
      accountIban: 'DE89370400440532013000',
      currency: 'EUR',
      opening: null,
    });
    expect(s!.lines[0]).toMatchObject({
      amount: 25_000,
      reference: 'INV-2026-0007',
      counterpartyName: 'ACME LTD',
    });
  });

  it('names the line that is wrong', () => {
    const bad = fixture('statement.mt940')
      .toString('utf8')
      .replace(':61:2603310331DR133,45', ':61:2603310331DR133.45');
    expect(() => parseMt940(bad)).toThrow(/Line 10 \(:61:\)/);
    const badDate = fixture('statement.mt940').toString('utf8').replace(':60F:C260330', ':60F:C260230');
    expect(() => parseMt940(badDate.replace('260230', '260231'))).toThrow(
      /Line 5 \(:60F:\): “260231” is not a date/,
    );
  });
});

describe('OFX', () => {
  it('reads OFX 1.x SGML with unclosed elements', () => {
    const [s] = parseOfx(fixture('statement-sgml.ofx').toString('latin1'));
    expect(s!.currency).toBe('USD');
    expect(s!.accountNumber).toBe('4412345678');
    expect(s!.closing).toEqual({ amount: 743_751, date: '2026-03-31' });
    expect(s!.lines.map((l) => [l.bookingDate, l.amount, l.bankRef])).toEqual([
      ['2026-03-05', 250_000, '2026030501'],
      ['2026-03-10', -4_999, '2026031002'],
      ['2026-03-31', -1_250, '2026033103'],
    ]);
    expect(s!.lines[0]).toMatchObject({
      counterpartyName: 'ACME CORP',
      reference: 'INV 2026 0003 AT&T payment',
    });
  });

  it('reads OFX 2.x XML credit-card statements', () => {
    const [s] = parseOfx(fixture('statement-xml.ofx').toString('utf8'));
    expect(s!.currency).toBe('GBP');
    expect(s!.closing!.amount).toBe(-25_031);
    expect(s!.lines.map((l) => l.amount)).toEqual([-1_999, 10_000]);
    expect(s!.lines[0]!.counterpartyName).toBe('Software & Co');
  });
});

describe('CSV', () => {
  it('guesses a German Windows-1252 export: delimiter, header row, columns, decimal comma, dates', async () => {
    const bytes = fixture('umsaetze-cp1252.csv');
    const preview = await guessCsvMapping(bytes);
    expect(preview.mapping).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      skipRows: 2,
      dateColumn: 'Buchungstag',
      valueDateColumn: 'Valutadatum',
      dateFormat: 'DD.MM.YYYY',
      decimal: ',',
      amountMode: 'signed',
      amountColumn: 'Betrag',
      nameColumn: 'Auftraggeber/Empfänger',
      ibanColumn: 'IBAN',
      referenceColumn: 'Verwendungszweck',
    });
    const s = await parseCsvStatement(bytes, preview.mapping, 'EUR');
    expect(s.lines.map((l) => l.amount)).toEqual([119_000, -13_345, -2_380]);
    expect(s.lines[2]).toMatchObject({
      bookingDate: '2026-04-01',
      counterpartyName: 'Café Zürich; Inh. Ménard',
      reference: 'Bewirtung "Kunde"',
    });
  });

  it('says which row and column is wrong', async () => {
    const bytes = Buffer.from('Date,Amount,Payee\n2026-03-01,12.50,A\n2026-02-30,1.00,B\n');
    const { mapping } = await guessCsvMapping(bytes);
    await expect(parseCsvStatement(bytes, mapping, 'USD')).rejects.toThrow(
      /Row 3, Date: “2026-02-30” is not a date/,
    );
    const bad = Buffer.from('Date,Amount,Payee\n2026-03-01,12.5x,A\n');
    await expect(parseCsvStatement(bad, mapping, 'USD')).rejects.toThrow(
      /Row 2, Amount: “12.5x” is not an amount/,
    );
  });
});

describe('detection and re-import keys', () => {
  it('detects each format by content and refuses an unknown one with the supported list', () => {
    expect(readStatementFile(fixture('camt053-v08.xml'))).toMatchObject({ kind: 'statements' });
    expect(readStatementFile(fixture('statement.mt940'))).toMatchObject({ kind: 'statements' });
    expect(readStatementFile(fixture('statement-sgml.ofx'))).toMatchObject({ kind: 'statements' });
    expect(readStatementFile(fixture('umsaetze-cp1252.csv'))).toEqual({ kind: 'csv' });
    expect(() => readStatementFile(Buffer.from('hello world'))).toThrow(/Supported: ISO 20022 CAMT.053/);
    expect(() => readStatementFile(Buffer.from('<html><body>x</body></html>'))).toThrow(
      /not a bank statement/,
    );
  });

  it('gives identical lines in one file distinct keys, and the same keys when read again', () => {
    const line = {
      bookingDate: '2026-03-01',
      valueDate: null,
      amount: -350,
      currency: 'EUR',
      counterpartyName: 'Coffee',
      counterpartyIban: '',
      counterpartyBic: '',
      reference: '',
      text: 'CARD',
      bankRef: null,
    };
    const keys = lineFingerprints([line, { ...line }]);
    expect(keys[0]).not.toBe(keys[1]);
    expect(lineFingerprints([line, { ...line }])).toEqual(keys);
  });
});

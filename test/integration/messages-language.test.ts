import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_ADDRESS } from '../../src/shared/api/common';
import {
  fixedClock,
  openTestFolio,
  SAMPLE_PREFERENCES,
  SAMPLE_PROFILE,
  type TestFolio,
} from '../helpers/folio';
import { startBridgeProcess, type BridgeProcess } from '../helpers/bridge-process';
import { invoiceInput, seedBusiness, type Seed } from '../helpers/seed';
import { tempDir } from '../helpers/tmp';
import { examplePath } from '../helpers/einvoice';
import { setupBusiness, vendorInput } from '../helpers/payables';
import fs from 'node:fs';

/**
 * Validation and service messages reach each person in the language of their call (the
 * envelope's `lang`), through the real bridge process and the real dispatcher; a call
 * without `lang` keeps English.
 */
const tmp = tempDir('folio-messages-');
let bridge: BridgeProcess;

beforeAll(async () => {
  bridge = await startBridgeProcess(tmp.dir);
  const setup = await bridge.call('settings.completeSetup', {
    profile: SAMPLE_PROFILE,
    preferences: SAMPLE_PREFERENCES,
  });
  expect(setup.ok).toBe(true);
});
afterAll(async () => {
  await bridge.stop();
  tmp.cleanup();
});

/** One call over HTTP, with the language in the envelope as the renderer sends it. */
async function call(method: string, input: unknown, lang?: string) {
  const res = await fetch(`${bridge.origin}/api/call`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(lang ? { method, input, lang } : { method, input }),
  });
  return (await res.json()) as { ok: boolean; value?: any; error?: any };
}

const customer = (extra: Record<string, unknown> = {}) => ({
  name: 'Müller GmbH',
  billingAddress: EMPTY_ADDRESS,
  shippingAddress: EMPTY_ADDRESS,
  currency: 'EUR',
  paymentTerms: { kind: 'net', days: 30 },
  ...extra,
});

describe('field messages in the language of the call (bridge)', () => {
  it('a missing name: German, French, Spanish, and English without a language', async () => {
    const input = customer({ name: '' });
    const expected: [string | undefined, string][] = [
      ['de', 'Bitte geben Sie „Kundenname“ an'],
      ['fr', 'Renseignez « Nom du client »'],
      ['es', 'Indique «Nombre del cliente»'],
      [undefined, 'Enter the customer name'],
    ];
    for (const [lang, message] of expected) {
      const result = await call('customers.create', input, lang);
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'name', message } });
      expect(result.error.fields).toEqual({ name: message });
    }
  });

  it('an over-long field and a bad IBAN, each at its field', async () => {
    const input = customer({ contactPerson: 'x'.repeat(201), iban: 'DE89 3704 0044 0532 0130 01' });
    const de = await call('customers.create', input, 'de');
    expect(de.error.fields).toEqual({
      contactPerson: '„Ansprechpartner“ ist zu lang (höchstens 200 Zeichen)',
      iban: '„IBAN“ ist ungültig: Bitte prüfen Sie die Länge für das Land und die beiden Prüfziffern',
    });
    const fr = await call('customers.create', input, 'fr');
    expect(fr.error.fields).toEqual({
      contactPerson: '« Personne de contact » est trop long (200 caractères au maximum)',
      iban: '« IBAN » n’est pas valide : vérifiez sa longueur pour le pays et ses deux chiffres de contrôle',
    });
    const en = await call('customers.create', input);
    expect(en.error.fields).toEqual({
      contactPerson: 'Contact person can be at most 200 characters',
      iban: 'IBAN is not valid: check its length for the country and its two check digits',
    });
  });

  it('zod’s own rules, unknown fields and an unknown method speak the language too', async () => {
    const wrongType = await call('customers.get', { id: 'seven' }, 'de');
    expect(wrongType.error.fields).toEqual({ id: '„Kunde“ ist erforderlich' });
    const unknown = await call('customers.get', { id: 1, colour: 'red', size: 3 }, 'fr');
    expect(unknown.error.message).toBe('Folio ne connaît pas les champs “colour” et “size”. Retirez-les.');
    const method = await call('customers.fly', {}, 'es');
    expect(method.error).toEqual({
      code: 'UNKNOWN_METHOD',
      message: 'No existe ningún método de la API llamado «customers.fly».',
    });
  });

  it('one bridge answers two people in two languages, one call after the other', async () => {
    const [de, en] = await Promise.all([
      call('customers.create', customer({ name: '' }), 'de'),
      call('customers.create', customer({ name: '' })),
    ]);
    expect(de.error.message).toBe('Bitte geben Sie „Kundenname“ an');
    expect(en.error.message).toBe('Enter the customer name');
  });
});

describe('service errors and exports in the language of the call (dispatcher)', () => {
  let t: TestFolio;
  let seed: Seed;
  beforeAll(async () => {
    t = await openTestFolio({ clock: fixedClock('2026-03-20T10:00:00Z') });
    seed = await seedBusiness(t);
  });
  afterAll(() => t.close());

  it('changing an issued invoice is refused in German, and in English without a language', async () => {
    const draft = await t.call('documents.create', invoiceInput(seed));
    await t.call('documents.issue', { id: draft.id });
    const change = { id: draft.id, ...invoiceInput(seed) };
    const de = await t.folio.dispatch('documents.update', change, 'de');
    expect(de).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message:
          'Diese Rechnung ist ausgestellt und gesperrt. Um sie zu ändern, erstellen Sie bitte eine Gutschrift ' +
          '(und bei Bedarf eine neue Rechnung); der Verlauf bleibt erhalten.',
      },
    });
    const en = await t.folio.dispatch('documents.update', change);
    expect(en).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/^This invoice is issued and locked\./) },
    });
    const again = await t.folio.dispatch('documents.issue', { id: draft.id }, 'de');
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/ ist bereits ausgestellt\.$/) },
    });
  });

  it('a record that is gone, and a duplicate name, in French and Spanish', async () => {
    const gone = await t.folio.dispatch('customers.get', { id: 9999 }, 'fr');
    expect(gone).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Ce client est introuvable. Il a peut-être été supprimé.' },
    });
    await t.call('expenseCategories.create', { name: 'Büromaterial' });
    const twice = await t.folio.dispatch('expenseCategories.create', { name: 'Büromaterial' }, 'es');
    expect(twice).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'name', message: 'Ya existe una categoría llamada «Büromaterial».' },
    });
  });

  it('a tax summary CSV asked in Spanish has Spanish headers, rows and file name', async () => {
    const period = { report: 'taxSummary', from: '2026-01-01', to: '2026-12-31' };
    const es = await t.folio.dispatch('reports.exportCsv', period, 'es');
    expect(es.ok).toBe(true);
    const { fileName, csv } = (es as { value: { fileName: string; csv: string } }).value;
    const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(lines[0]).toBe('Sentido,Impuesto,Tipo (%),Base imponible (EUR),Impuesto (EUR)');
    expect(lines.some((l) => l.startsWith('Saldo a ingresar,'))).toBe(true);
    expect(fileName).toMatch(/^Resumen de impuestos 2026-01-01 a 2026-12-31 \(.+\)\.csv$/);
    const en = await t.call('reports.exportCsv', period as never);
    expect((en as { csv: string }).csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(
      'Direction,Tax,Rate (%),Base (EUR),Tax (EUR)',
    );
  });

  it('an aging CSV in German names its buckets in German', async () => {
    const r = await t.folio.dispatch(
      'reports.exportCsv',
      { report: 'receivablesAging', asOf: '2026-03-20' },
      'de',
    );
    const { fileName, csv } = (r as { value: { fileName: string; csv: string } }).value;
    expect(csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe(
      'Kunde,Nicht fällig (EUR),1–30 Tage (EUR),31–60 Tage (EUR),61–90 Tage (EUR),über 90 Tage (EUR),Gesamt (EUR)',
    );
    expect(fileName).toBe('Altersstruktur Forderungen 2026-03-20.csv');
  });
});

describe('file-reading errors in the language of the call (bridge)', () => {
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

  it('a malformed e-invoice is refused in German naming the file, and in English without a language', async () => {
    const files = [
      { fileName: 'rechnung-4711.xml', dataBase64: b64('<Invoice><ID>4711</Invoice>') },
      { fileName: 'notiz.txt', dataBase64: b64('Bitte zahlen Sie bis Freitag.') },
      { fileName: 'order.xml', dataBase64: b64('<Order xmlns="urn:example:order"><ID>1</ID></Order>') },
    ];
    const de = await call('einvoiceImport.preview', { files }, 'de');
    expect(de.ok).toBe(true);
    const messages = de.value.files.map((f: { status: string; message: string }) => [f.status, f.message]);
    expect(messages[0]).toEqual([
      'refused',
      expect.stringMatching(
        /^„rechnung-4711\.xml“ ist kein wohlgeformtes XML \(Zeile 1: .+\)\. Die Datei ist möglicherweise beschädigt oder unvollständig\.$/,
      ),
    ]);
    expect(messages[1]).toEqual([
      'refused',
      '„notiz.txt“ ist keine E-Rechnung: Sie ist weder XML (XRechnung, Peppol, UBL, CII) noch ein PDF mit ' +
        'eingebettetem XML (Factur-X, ZUGFeRD).',
    ]);
    expect(messages[2]).toEqual([
      'refused',
      '„order.xml“ ist XML, aber keine E-Rechnung (das Wurzelelement ist <Order> in urn:example:order; erwartet ' +
        'wird ein UBL Invoice oder CreditNote oder ein CII CrossIndustryInvoice).',
    ]);

    const en = await call('einvoiceImport.preview', { files });
    const english = en.value.files.map((f: { message: string }) => f.message);
    expect(english[0]).toMatch(
      /^“rechnung-4711\.xml” is not well-formed XML \(line 1: .+\)\. The file may be damaged or cut off\.$/,
    );
    expect(english[1]).toBe(
      '“notiz.txt” is not an e-invoice: it is neither XML (XRechnung, Peppol, UBL, CII) nor a PDF with XML ' +
        'inside (Factur-X, ZUGFeRD).',
    );
    expect(english[2]).toBe(
      '“order.xml” is XML but not an e-invoice (its root element is <Order> in urn:example:order; expected a UBL ' +
        'Invoice or CreditNote, or a CII CrossIndustryInvoice).',
    );
  });

  describe('bank statements', () => {
    let accountId: number;
    beforeAll(async () => {
      const created = await call('bank.accounts.create', {
        name: 'Compte courant',
        iban: 'DE89 3704 0044 0532 0130 00',
        currency: 'EUR',
        openingBalance: 0,
        openingDate: '2026-01-01',
      });
      expect(created.ok).toBe(true);
      accountId = created.value.id;
    });
    const preview = (text: string, lang?: string) =>
      call('bank.import.preview', { accountId, dataBase64: b64(text) }, lang);

    it('a broken MT940 and a broken CAMT statement are refused in French, and in English without a language', async () => {
      const mt940 =
        ':20:STMT1\n:25:DE89370400440532013000\n:60F:C260101EUR100,00\n:61:2613010101C12,50NTRFNONREF\n';
      expect((await preview(mt940, 'fr')).error).toMatchObject({
        code: 'VALIDATION',
        field: 'dataBase64',
        message: 'Ligne 4 (:61:) : « 261301 » n’est pas une date.',
      });
      expect((await preview(mt940)).error.message).toBe('Line 4 (:61:): “261301” is not a date.');

      const camt =
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>1</Id>' +
        '<Ntry><Amt Ccy="EUR">12.345</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-01-02</Dt></BookgDt></Ntry>' +
        '</Stmt></BkToCstmrStmt></Document>';
      expect((await preview(camt, 'fr')).error.message).toBe(
        'BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt : « 12.345 » a plus de décimales que n’en a EUR.',
      );
      expect((await preview(camt)).error.message).toBe(
        'BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt: “12.345” has more decimals than EUR has.',
      );
      const mt940Empty = ':20:STMT1\n:60F:Q\n';
      expect((await preview(mt940Empty, 'es')).error.message).toBe(
        'Línea 2 (:60F:): se esperaba C o D, una fecha AAMMDD, una moneda y un importe como 1234,56.',
      );
    });

    it('a statement whose lines do not add up is previewed with a German warning', async () => {
      const text =
        ':20:STMT2\n:25:DE89370400440532013000\n:60F:C260101EUR100,00\n' +
        ':61:2601020102C12,50NTRFNONREF\n:86:Zahlung\n:62F:C260102EUR100,00\n';
      const de = await preview(text, 'de');
      expect(de.ok).toBe(true);
      expect(de.value.warnings).toEqual([
        'Die Umsätze des Kontoauszugs gehen nicht auf: Anfangssaldo plus Umsätze ergeben nicht den Schlusssaldo. ' +
          'Möglicherweise fehlen Umsätze in der Datei.',
      ]);
      expect((await preview(text)).value.warnings).toEqual([
        "The statement's lines do not add up: the opening balance plus the lines is not its closing balance. " +
          'Some lines may be missing from the file.',
      ]);
    });
  });
});

describe('an e-invoice batch report in the language of the call (dispatcher)', () => {
  let t: TestFolio;
  beforeAll(async () => {
    t = await openTestFolio();
    await setupBusiness(t);
  });
  afterAll(() => t.close());

  it('the changed-IBAN warning and the unknown-vendor refusal in German, English without a language', async () => {
    const xml = fs.readFileSync(examplePath('cii', 'CII_example1.xml'), 'utf8');
    const files = [{ fileName: 'e1.xml', dataBase64: Buffer.from(xml).toString('base64') }];
    const unknown = await t.folio.dispatch('einvoiceImport.commit', { files }, 'de');
    const refused = (unknown as { value: { files: { status: string; message: string }[] } }).value.files[0]!;
    expect(refused.status).toBe('refused');
    expect(refused.message).toMatch(
      /^„e1\.xml“ stammt von .+, noch nicht einer Ihrer Lieferanten\. Bestätigen Sie das Anlegen des Lieferanten/,
    );

    const vat = /<ram:ID schemeID="VA">([^<]+)</.exec(xml.slice(xml.indexOf('<ram:SellerTradeParty')))![1]!;
    await t.call('vendors.create', vendorInput({ name: 'Jemand ganz anderes', taxNumber: vat }));
    const bankWarning = async (lang?: string) => {
      const r = await t.folio.dispatch('einvoiceImport.preview', { files }, lang);
      const file = (r as { value: { files: { warnings: { kind: string; message: string }[] }[] } }).value
        .files[0]!;
      return file.warnings.find((w) => w.kind === 'bank_details_changed')?.message;
    };
    expect(await bankWarning('de')).toMatch(
      /^Diese E-Rechnung verlangt Zahlung auf die IBAN .+, die nicht die hinterlegte Bankverbindung von Jemand ganz anderes ist\. Geänderte Bankdaten sind der klassische Rechnungsbetrug/,
    );
    expect(await bankWarning()).toMatch(
      /^This e-invoice asks for payment to IBAN .+, which is not the bank account on record for Jemand ganz anderes\. Changed bank details are the classic invoice fraud/,
    );
  });
});

describe('EN 16931 rule findings in the language of the call (dispatcher)', () => {
  let t: TestFolio;
  beforeAll(async () => {
    t = await openTestFolio();
    await setupBusiness(t);
  });
  afterAll(() => t.close());

  /** An official example with its sum of line amounts (BT-106) one cent higher: BR-CO-10 fails. */
  function ruleBreaker(n: number): string {
    const xml = fs.readFileSync(examplePath('ubl', 'ubl-tc434-example1.xml'), 'utf8');
    const at = xml.indexOf('<cac:LegalMonetaryTotal>');
    const total = xml.slice(at);
    const m = /<cbc:LineExtensionAmount currencyID="EUR">([^<]+)</.exec(total)!;
    const changed = total.replace(
      m[0],
      `<cbc:LineExtensionAmount currencyID="EUR">${(Number(m[1]) + 0.01).toFixed(2)}<`,
    );
    // A number of its own, so each copy is a file of its own (no finding reused from another).
    return xml.slice(0, at).replace(/<cbc:ID>([^<]+)<\/cbc:ID>/, `<cbc:ID>$1-${n}</cbc:ID>`) + changed;
  }

  it('a batch checked on threads says which rule failed in German, and in English without a language', async () => {
    // Enough files for the rules to run on threads (POOL_MIN), where the sentences used to be made.
    const files = Array.from({ length: 8 }, (_, i) => ({
      fileName: `r${i}.xml`,
      dataBase64: Buffer.from(ruleBreaker(i)).toString('base64'),
    }));
    type Preview = { value: { files: { findings: { id: string; message: string }[] }[] } };
    const sentences = async (lang?: string) => {
      const r = (await t.folio.dispatch('einvoiceImport.preview', { files }, lang)) as Preview;
      return r.value.files.map((f) => f.findings.find((x) => x.id === 'BR-CO-10')?.message);
    };
    const german = await sentences('de');
    expect(german).toEqual(
      files.map(() => 'Die Positionen ergeben nicht die Summe der Positionen — BR-CO-10'),
    );
    // The same files again: their findings come from the cache, in the language of this call.
    expect(await sentences()).toEqual(
      files.map(() => 'The lines do not add up to the total of the lines — BR-CO-10'),
    );
    expect(await sentences('fr')).toEqual(
      files.map(() => 'Les lignes ne correspondent pas au total des lignes — BR-CO-10'),
    );
  });
});

import { storeOf } from '../../src/main/services/context';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScaled } from '../../src/shared/domain/decimal';
import { minorUnits } from '../../src/shared/domain/currencies';
import { importEInvoiceFiles } from '../../src/main/services/einvoice/import';
import { dumpStoreTables } from '../helpers/dump';
import { einvoiceExamples, examplePath, facturxPdf, readBT } from '../helpers/einvoice';
import { openTestFolio, storedFiles, type TestFolio } from '../helpers/folio';
import { setupBusiness, vendorInput } from '../helpers/payables';

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');

/** The first `count` official examples as files to import, each made new (not in the rules' cache). */
const freshExamples = (tag: string, count: number) =>
  einvoiceExamples()
    .slice(0, count)
    .map((f, i) => ({
      fileName: `${tag}-${i}.xml`,
      dataBase64: b64(
        Buffer.from(`${fs.readFileSync(f, 'utf8')}<!-- ${tag} ${process.pid} ${Date.now()} -->`),
      ),
    }));

/** Every stored file of the books (an e-invoice's original is kept): their hashes. */
async function storedHashes(t: TestFolio): Promise<string[]> {
  return [...(await storedFiles(t.folio.ctx)).keys()].sort();
}

/**
 * An official example with one stated total off by 1.00: the sum of line amounts (BT-106,
 * fails BR-CO-10) or the total without VAT (BT-109, fails BR-CO-13).
 */
function ruleBreaker(element = 'LineExtensionAmount'): Buffer {
  const xml = fs.readFileSync(examplePath('ubl', 'ubl-tc434-example1.xml'), 'utf8');
  const total = xml.slice(xml.indexOf('<cac:LegalMonetaryTotal>'));
  const m = new RegExp(`<cbc:${element} currencyID="EUR">([^<]+)<`).exec(total)!;
  const changed = total.replace(m[0], `<cbc:${element} currencyID="EUR">${(Number(m[1]) + 1).toFixed(2)}<`);
  return Buffer.from(xml.slice(0, xml.indexOf('<cac:LegalMonetaryTotal>')) + changed);
}
const RATES = { USD: '0.9', SEK: '0.09', NOK: '0.085', DKK: '0.134', HUF: '0.0025', GBP: '1.17' };

describe('importing the official EN 16931 examples', () => {
  let t: TestFolio;
  beforeAll(async () => {
    t = await openTestFolio();
    await setupBusiness(t);
  });
  afterAll(() => t.close());

  // Each example in a fresh data folder: several examples share a seller's name with other VAT ids.
  for (const file of einvoiceExamples()) {
    it(`${path.basename(file)}: total, tax and amount due as the file says, vendor's VAT id`, async () => {
      const t = await openTestFolio();
      await setupBusiness(t);
      const xml = fs.readFileSync(file);
      const bt = readBT(xml.toString('utf8'));
      const out = await t.call('einvoiceImport.commit', {
        files: [{ fileName: path.basename(file), dataBase64: b64(xml) }],
        createVendors: true,
        exchangeRates: RATES,
      });
      const r = out.files[0]!;
      expect(r.status, r.message).not.toBe('refused');
      const minor = (v: string) => Number(parseScaled(v, minorUnits(r.currency)));
      const ctx = t.folio.ctx;
      const sign = (v: number) => (r.kind === 'vendor_credit' ? Math.abs(v) : v);
      if (r.kind === 'bill') {
        const bill = await t.call('bills.get', { id: r.billId! });
        expect(bill.subtotal).toBe(minor(bt.bt109));
        expect(bill.tax).toBe(minor(bt.bt110));
        expect(bill.total).toBe(minor(bt.bt109) + minor(bt.bt110));
        const { einvoice } = await t.call('einvoices.forBill', { billId: bill.id });
        expect(einvoice!.payable).toBe(minor(bt.bt115));
        // Where the amount due is not the total (prepaid, rounding), the bill says so.
        if (minor(bt.bt115) !== bill.total)
          expect(bill.notes).toContain(`Amount due per the e-invoice: ${bt.bt115}`);
        const vendor = await t.call('vendors.get', { id: bill.vendor.id });
        expect(einvoice!.data.seller.vatId).toBe(bt.bt31);
        if (bt.bt31) expect(vendor.taxNumber).toBe(bt.bt31);
        expect(bill.lines.length).toBeGreaterThanOrEqual(bt.lines);
        expect(bill.attachments.map((a) => a.fileName)).toEqual([path.basename(file)]);
      } else {
        const credit = (await storeOf(ctx)
          .prepare('SELECT * FROM vendor_credits WHERE id = ?')
          .get(r.vendorCreditId!)) as { subtotal: number; tax: number; vendor_id: number };
        expect(credit.subtotal).toBe(sign(minor(bt.bt109)));
        expect(credit.tax).toBe(sign(minor(bt.bt110)));
        const [listed] = await t.call('vendorCredits.list', { vendorId: credit.vendor_id });
        expect(listed).toMatchObject({
          id: r.vendorCreditId,
          total: credit.subtotal + credit.tax,
          fromEInvoice: true,
        });
        const { einvoice } = await t.call('einvoices.forVendorCredit', { vendorCreditId: r.vendorCreditId! });
        expect(einvoice!.payable).toBe(sign(minor(bt.bt115)));
        const vendor = await t.call('vendors.get', { id: credit.vendor_id });
        expect(einvoice!.data.seller.vatId).toBe(bt.bt31);
        if (bt.bt31) expect(vendor.taxNumber).toBe(bt.bt31);
      }
      await t.close();
    });
  }

  it('a file whose lines do not add up shows the rule id, and the bill still asks what the file asks', async () => {
    const out = await importEInvoiceFiles(t.folio.ctx, [{ fileName: 'sum.xml', bytes: ruleBreaker() }], {
      commit: true,
      createVendors: true,
    });
    const ids = out.files[0]!.findings.filter((f) => f.severity === 'fatal').map((f) => f.id);
    expect(ids).toContain('BR-CO-10');
    expect(out.files[0]!.findings.find((f) => f.id === 'BR-CO-10')!.message).toMatch(
      /the lines do not add up .* — BR-CO-10$/i,
    );
    expect(out.files[0]!.status).toBe('imported_with_warnings');
  });

  it('a file whose stated total without VAT disagrees with its lines: both are kept, the bill asks what the file asks', async () => {
    const xml = ruleBreaker('TaxExclusiveAmount');
    const out = await importEInvoiceFiles(t.folio.ctx, [{ fileName: 'net.xml', bytes: xml }], {
      commit: true,
      createVendors: true,
    });
    const r = out.files[0]!;
    expect(r.findings.map((f) => f.id)).toContain('BR-CO-13');
    const bill = await t.call('bills.get', { id: r.billId! });
    expect(bill.subtotal).toBe(Number(parseScaled(readBT(xml.toString()).bt109, 2)));
    const last = bill.lines.at(-1)!;
    expect(last.description).toMatch(/Difference between the lines and the totals/);
    expect(last.amount).toBe(100);
  });

  it('a valid official example has no rule failures', async () => {
    const out = await importEInvoiceFiles(
      t.folio.ctx,
      [{ fileName: 'x.xml', bytes: fs.readFileSync(examplePath('ubl', 'ubl-tc434-example1.xml')) }],
      { commit: false },
    );
    expect(out.files[0]!.findings.filter((f) => f.severity === 'fatal')).toEqual([]);
  });
});

describe('e-invoices Folio must refuse', () => {
  let t: TestFolio;
  beforeAll(async () => {
    t = await openTestFolio();
    await setupBusiness(t);
  });
  afterAll(() => t.close());

  const cii = () => fs.readFileSync(examplePath('cii', 'CII_example1.xml'), 'utf8');
  const hostile: [string, () => Promise<Buffer> | Buffer, RegExp][] = [
    [
      'xxe.xml',
      () =>
        Buffer.from(
          '<?xml version="1.0"?><!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
            '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&xxe;</ID></Invoice>',
        ),
      /“xxe.xml” contains a document type declaration/,
    ],
    [
      'laughs.xml',
      () =>
        Buffer.from(
          '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
            '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><lolz>&lol2;</lolz>',
        ),
      /“laughs.xml” contains a document type declaration/,
    ],
    [
      'big.xml',
      () => Buffer.alloc(50 * 1024 * 1024, 0x20),
      /“big.xml” is 50 MB; an e-invoice may be at most 20 MB/,
    ],
    ['cut.xml', () => Buffer.from(cii().slice(0, 3000)), /“cut.xml” is not well-formed XML/],
    [
      'order.xml',
      () =>
        Buffer.from(
          '<?xml version="1.0"?><Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>',
        ),
      /“order.xml” is XML but not an e-invoice \(its root element is <Order>/,
    ],
    ['notes.txt', () => Buffer.from('Dear vendor, thanks.'), /“notes.txt” is not an e-invoice/],
    ['scan.pdf', () => facturxPdf([]), /“scan.pdf” is a PDF without an e-invoice inside/],
    [
      'two.pdf',
      () =>
        facturxPdf([
          { name: 'factur-x.xml', xml: cii() },
          { name: 'xrechnung.xml', xml: cii() },
        ]),
      /“two.pdf” is a PDF with 2 e-invoice XML files inside/,
    ],
    ['broken.pdf', () => Buffer.from('%PDF-1.7\n1 0 obj<<>>\nthis is not a PDF'), /“broken.pdf” is a PDF/],
  ];

  for (const [name, make, message] of hostile) {
    it(`${name} is refused with a message and the database is unchanged`, async () => {
      const bytes = await make();
      const store = storeOf(t.folio.ctx);
      const before = await dumpStoreTables(store);
      const filesBefore = await storedHashes(t);
      const out = await t.call('einvoiceImport.commit', {
        files: [{ fileName: name, dataBase64: b64(bytes) }],
        createVendors: true,
      });
      expect(await storedHashes(t)).toEqual(filesBefore);
      expect(out.files[0]!.status).toBe('refused');
      expect(out.files[0]!.message).toMatch(message);
      expect(out.counts).toEqual({ ok: 0, withWarnings: 0, refused: 1 });
      expect(await dumpStoreTables(store)).toEqual(before);
      expect(JSON.stringify(out)).not.toContain('root:x:0:0');
    });
  }

  it('a batch reports each file: imported, imported with warnings, refused', async () => {
    const good = fs.readFileSync(examplePath('ubl', 'ubl-tc434-example1.xml'));
    const out = await t.call('einvoiceImport.commit', {
      files: [
        { fileName: 'good.xml', dataBase64: b64(good) },
        { fileName: 'bad.xml', dataBase64: b64('<nope/>') },
        { fileName: 'rules.xml', dataBase64: b64(ruleBreaker()) },
      ],
      createVendors: true,
    });
    expect(out.files.map((f) => f.status)).toEqual(['imported', 'refused', 'imported_with_warnings']);
    expect(out.counts).toEqual({ ok: 1, withWarnings: 1, refused: 1 });
  });

  it('a new vendor is only created when the user confirmed it', async () => {
    const xml = fs.readFileSync(examplePath('cii', 'CII_example4.xml'));
    const store = storeOf(t.folio.ctx);
    const before = await dumpStoreTables(store);
    const filesBefore = await storedHashes(t);
    const preview = await t.call('einvoiceImport.preview', {
      files: [{ fileName: 'e4.xml', dataBase64: b64(xml) }],
    });
    expect(preview.files[0]!.newVendor?.name).toBeTruthy();
    const refused = await t.call('einvoiceImport.commit', {
      files: [{ fileName: 'e4.xml', dataBase64: b64(xml) }],
      exchangeRates: RATES,
    });
    expect(refused.files[0]!.status).toBe('refused');
    expect(refused.files[0]!.message).toMatch(/not one of your vendors yet/);
    expect(await dumpStoreTables(store)).toEqual(before);
    expect(await storedHashes(t)).toEqual(filesBefore);
  });
});

describe('the payables guards apply to e-invoices', () => {
  let t: TestFolio;
  beforeAll(async () => {
    t = await openTestFolio();
    await setupBusiness(t);
  });
  afterAll(() => t.close());

  it('an IBAN that is not the vendor’s known one gives the changed-bank-details warning; matched by VAT id', async () => {
    const xml = fs.readFileSync(examplePath('cii', 'CII_example1.xml'), 'utf8');
    const vat = /<ram:ID schemeID="VA">([^<]+)</.exec(xml.slice(xml.indexOf('<ram:SellerTradeParty')))![1]!;
    const vendor = await t.call(
      'vendors.create',
      vendorInput({ name: 'Someone else entirely', taxNumber: vat }),
    );
    const out = await t.call('einvoiceImport.commit', {
      files: [{ fileName: 'e1.xml', dataBase64: b64(xml) }],
    });
    const r = out.files[0]!;
    expect(r.vendor).toEqual({ id: vendor.id, name: 'Someone else entirely', by: 'vat_id' });
    expect(r.status).toBe('imported_with_warnings');
    const bank = r.warnings.find((w) => w.kind === 'bank_details_changed');
    expect(bank?.group).toBe('fraud');
    expect(bank?.message).toMatch(/not the bank account on record for Someone else entirely/);
    const bill = await t.call('bills.get', { id: r.billId! });
    expect(bill.warnings.find((w) => w.kind === 'bank_details_changed' && w.dismissed === null)).toBeTruthy();

    // The same file again: a duplicate (same vendor and number, and the same file).
    const again = await t.call('einvoiceImport.commit', {
      files: [{ fileName: 'e1.xml', dataBase64: b64(xml) }],
    });
    const kinds = again.files[0]!.warnings.map((w) => w.kind);
    expect(kinds).toContain('duplicate_number');
    expect(kinds).toContain('duplicate_attachment');
  });

  it('an order reference matches our purchase order and over-billing is flagged', async () => {
    const xml = fs.readFileSync(examplePath('ubl', 'ubl-tc434-example2.xml'), 'utf8');
    const order = /<cac:OrderReference>\s*<cbc:ID>([^<]+)</.exec(xml)?.[1];
    expect(order).toBeTruthy();
    // Matched by name (legal form and case aside): "Salescompany ltd." is our "SalesCompany".
    const vendor = await t.call(
      'vendors.create',
      vendorInput({ name: 'SalesCompany', currency: 'NOK', bankDetails: '' }),
    );
    const po = await t.call('purchaseOrders.create', {
      vendorId: vendor.id,
      number: order!,
      orderDate: '2013-01-01',
      currency: 'NOK',
      tolerancePercent: 0,
      lines: [{ description: 'Goods', quantity: 1, unitPrice: 1000_00 }],
    });
    const out = await t.call('einvoiceImport.commit', {
      files: [{ fileName: 'po.xml', dataBase64: b64(xml) }],
      exchangeRates: RATES,
    });
    const r = out.files[0]!;
    expect(r.status, r.message).not.toBe('refused');
    expect(r.vendor).toMatchObject({ id: vendor.id, by: 'name' });
    expect(r.purchaseOrder).toEqual({ id: po.id, number: order });
    expect(r.warnings.map((w) => w.kind)).toContain('po_total_over');
  });

  it('a Factur-X PDF imports from its embedded XML and keeps the PDF as the attachment', async () => {
    const xml = fs.readFileSync(examplePath('cii', 'CII_example2.xml'));
    const pdf = await facturxPdf([{ name: 'factur-x.xml', xml }]);
    const out = await t.call('einvoiceImport.commit', {
      files: [{ fileName: 'fx.pdf', dataBase64: b64(pdf) }],
      createVendors: true,
      exchangeRates: RATES,
    });
    const r = out.files[0]!;
    expect(r.status, r.message).not.toBe('refused');
    expect(r.format).toMatch(/Factur-X/);
    const bill = await t.call('bills.get', { id: r.billId! });
    expect(bill.attachments[0]).toMatchObject({ fileName: 'fx.pdf', mimeType: 'application/pdf' });
    expect(bill.subtotal).toBe(Number(parseScaled(readBT(xml.toString()).bt109, 2)));
  });
});

describe('the EN 16931 rules over a batch', () => {
  it('on threads give the same findings as one file at a time', { timeout: 180_000 }, async () => {
    const { validateMany, POOL_MIN } = await import('../../src/main/services/einvoice/validate-pool');
    const { validateEn16931 } = await import('../../src/main/services/einvoice/validate');
    const xml = [ruleBreaker().toString(), ruleBreaker('TaxExclusiveAmount').toString()];
    // Each file different (a comment), so none is answered from another's findings.
    const items = Array.from({ length: POOL_MIN }, (_, i) => ({
      xml: `${xml[i % 2]!}<!-- ${i} -->`,
      syntax: 'UBL' as const,
    }));
    const threaded = await validateMany(items, 2);
    expect(threaded).toEqual(items.map((it) => ({ ok: true, findings: validateEn16931(it.xml, it.syntax) })));
    expect(threaded.map((r) => (r.ok ? r.findings.map((f) => f.id) : [])).flat()).toEqual(
      expect.arrayContaining(['BR-CO-10', 'BR-CO-13']),
    );
  });

  it(
    'a batch on threads keeps its order, checks a file sent twice once, and leaves a refused file in its place',
    { timeout: 180_000 },
    async () => {
      const { ruleCacheStats, POOL_MIN } = await import('../../src/main/services/einvoice/validate-pool');
      const t = await openTestFolio();
      await setupBusiness(t);
      // Official examples of both syntaxes, each made new (a comment) so no earlier test's
      // findings are in the cache; the first sent again at the end, and a file that is no e-invoice.
      const nonce = `${process.pid}-${Date.now()}`;
      const sources = einvoiceExamples().slice(0, POOL_MIN + 2);
      const files = sources.map((f, i) => ({
        fileName: `${i}-${path.basename(f)}`,
        dataBase64: b64(Buffer.from(`${fs.readFileSync(f, 'utf8')}<!-- ${nonce} -->`)),
      }));
      files.splice(3, 0, { fileName: 'notes.txt', dataBase64: b64(Buffer.from('not an invoice')) });
      files.push({ ...files[0]!, fileName: 'again.xml' });
      const { hits, misses } = ruleCacheStats;
      const out = await t.call('einvoiceImport.preview', { files });
      expect(out.files.map((f) => f.fileName)).toEqual(files.map((f) => f.fileName));
      expect(out.files.map((f) => f.status === 'refused')).toEqual(
        files.map((f) => f.fileName === 'notes.txt'),
      );
      expect(ruleCacheStats.misses - misses).toBe(sources.length);
      expect(ruleCacheStats.hits - hits).toBe(1);
      expect(out.files.at(-1)!.findings).toEqual(out.files[0]!.findings);
      // Each file's findings are its own: the same as the file checked alone.
      const { validateEn16931 } = await import('../../src/main/services/einvoice/validate');
      const { findingsInWords } = await import('../../src/shared/domain/einvoice-in/rules');
      sources.forEach((f, i) => {
        const xml = `${fs.readFileSync(f, 'utf8')}<!-- ${nonce} -->`;
        const syntax = xml.includes('CrossIndustryInvoice') ? 'CII' : 'UBL';
        const r = out.files.find(
          (x) => x.fileName === files.filter((y) => y.fileName !== 'notes.txt')[i]!.fileName,
        )!;
        expect(
          r.findings.filter((x) => !x.ruleSet),
          r.fileName,
        ).toEqual(findingsInWords(validateEn16931(xml, syntax)));
      });
      await t.close();
    },
  );

  it(
    'the rule threads started by one import serve the next and end when Folio closes',
    { timeout: 180_000 },
    async () => {
      const { ruleThreadIds, ruleThreads, POOL_MIN } =
        await import('../../src/main/services/einvoice/validate-pool');
      const t = await openTestFolio();
      await setupBusiness(t);
      const batch = (tag: string) => freshExamples(tag, POOL_MIN);
      const first = await t.call('einvoiceImport.preview', { files: batch('first') });
      expect(first.files.every((f) => f.status !== 'refused')).toBe(true);
      const started = ruleThreadIds();
      expect(started).toHaveLength(ruleThreads());
      const second = await t.call('einvoiceImport.preview', { files: batch('second') });
      expect(second.files.every((f) => f.status !== 'refused')).toBe(true);
      expect(ruleThreadIds()).toEqual(started);
      await t.close();
      expect(ruleThreadIds()).toEqual([]);
    },
  );

  it(
    'opening the import screen starts the rule threads and warms them up; the import then runs on them',
    { timeout: 180_000 },
    async () => {
      const { ruleThreadIds, ruleThreads, POOL_MIN } =
        await import('../../src/main/services/einvoice/validate-pool');
      const { stopRuleThreads } = await import('../../src/main/services/einvoice/rule-threads');
      await stopRuleThreads();
      const t = await openTestFolio();
      await setupBusiness(t);
      const ready = await t.call('einvoiceImport.prepare', {});
      expect(ready.threads).toBe(ruleThreads());
      const warm = ruleThreadIds();
      expect(warm).toHaveLength(ruleThreads());
      // Asked again (another drag over the page): the same threads, nothing started.
      expect(await t.call('einvoiceImport.prepare', {})).toEqual(ready);
      expect(ruleThreadIds()).toEqual(warm);
      const files = freshExamples('warm', POOL_MIN);
      const preview = await t.call('einvoiceImport.preview', { files });
      expect(preview.files.map((f) => f.status)).not.toContain('refused');
      expect(ruleThreadIds()).toEqual(warm);
      await t.close();
      expect(ruleThreadIds()).toEqual([]);
    },
  );

  it('the warm-up files are e-invoices Folio reads, and the EN 16931 rules find nothing wrong in them', async () => {
    const { WARM_UP_FILES, checkRules, warmUpRules } =
      await import('../../src/main/services/einvoice/validate');
    const { parseEInvoiceXml } = await import('../../src/shared/domain/einvoice-in/detect');
    for (const syntax of ['UBL', 'CII'] as const) {
      const xml = fs.readFileSync(path.join(__dirname, '../..', WARM_UP_FILES[syntax]), 'utf8');
      const invoice = parseEInvoiceXml(xml);
      expect(invoice.syntax).toBe(syntax);
      expect(invoice.lines.length).toBeGreaterThan(1);
      expect(checkRules(xml, syntax, false).filter((f) => f.severity === 'fatal')).toEqual([]);
    }
    expect(() => warmUpRules()).not.toThrow();
  });

  it('a rule thread left without work ends by itself', { timeout: 180_000 }, async () => {
    const { ruleThreadIdle, ruleThreadIds, validateMany, POOL_MIN } =
      await import('../../src/main/services/einvoice/validate-pool');
    const { stopRuleThreads } = await import('../../src/main/services/einvoice/rule-threads');
    await stopRuleThreads();
    const before = ruleThreadIdle.ms;
    ruleThreadIdle.ms = 300;
    try {
      const items = einvoiceExamples()
        .slice(0, POOL_MIN)
        .map((f) => fs.readFileSync(f, 'utf8'))
        .map((xml) => ({
          xml: `${xml}<!-- idle ${process.pid} ${Date.now()} -->`,
          syntax: (xml.includes('CrossIndustryInvoice') ? 'CII' : 'UBL') as 'CII' | 'UBL',
        }));
      const results = await validateMany(items, 2);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(ruleThreadIds()).toHaveLength(2);
      const until = Date.now() + 10_000;
      while (ruleThreadIds().length && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(ruleThreadIds()).toEqual([]);
    } finally {
      ruleThreadIdle.ms = before;
    }
  });

  it('the import after a preview reuses the preview’s findings for the same files', async () => {
    const { ruleCacheStats } = await import('../../src/main/services/einvoice/validate-pool');
    const t = await openTestFolio();
    await setupBusiness(t);
    const files = [{ fileName: 'n.xml', dataBase64: b64(ruleBreaker('TaxInclusiveAmount')) }];
    const misses = ruleCacheStats.misses;
    const preview = await t.call('einvoiceImport.preview', { files });
    expect(ruleCacheStats.misses).toBe(misses + 1);
    const hits = ruleCacheStats.hits;
    const done = await t.call('einvoiceImport.commit', { files, createVendors: true });
    expect(ruleCacheStats.hits).toBe(hits + 1);
    expect(ruleCacheStats.misses).toBe(misses + 1);
    expect(done.files[0]!.findings).toEqual(preview.files[0]!.findings);
    await t.close();
  });
});

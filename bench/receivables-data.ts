/**
 * A seeded (deterministic) generator of receivables data at scale: customers, items, taxes,
 * invoices with mixed statuses, their lines and tax snapshot, payments and allocations, and
 * a share of quotes. Same seed, same data.
 *
 * It writes the app's own tables with raw prepared statements in large transactions, and the
 * app's triggers (full-text indexes, document_summary) fire for every document as they do for
 * a saved one. Figures come from the app's totals function (computeTotals, toBase): a pool of
 * line sets is computed once and shared out, which keeps every stored total right without
 * computing each document.
 */
import { performance } from 'node:perf_hooks';
import type { SqliteStore } from '../src/main/db/store';
import { computeTotals, type TotalsLine, type Discount } from '../src/shared/domain/totals';
import { toBase } from '../src/shared/domain/fx';
import { addDays, endOfMonth } from '../src/shared/domain/dates';
import { formatDocumentNumber } from '../src/shared/domain/numbering';
import type { TaxRate } from '../src/shared/domain/tax';

/** mulberry32: a small, fast, seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Common surnames, drawn with Zipf-like weights: the first is the "common name" of the search
// benchmark (about 5% of customers, so of invoices).
const SURNAMES = (
  'Murphy Kelly Byrne Ryan Walsh OBrien Smith Doyle McCarthy Gallagher Doherty Kennedy Lynch Murray Quinn ' +
  'Moore McLoughlin Carroll Connolly Daly Connell Wilson Dunne Brennan Burke Collins Campbell Clarke Johnston ' +
  'Hughes Farrell Fitzgerald Brown Martin Maguire Nolan Flynn Thompson Callaghan Donnell Duffy Mahony Boyle ' +
  'Healy Shea White Sweeney Hayes Kavanagh Power McGrath Moran Brady Stewart Casey Foley Fitzpatrick Leary ' +
  'McDonnell MacMahon Donnelly Regan Donovan Burns Flanagan Mullan Barry Kane Robinson Cunningham Griffin ' +
  'Kenny Sheehan Ward Whelan Lyons Reid Graham Higgins Cullen Keane King Maher McKenna Bell Scott Hogan Keeffe ' +
  'Magee McNamara McDonald McDermott Moloney Rourke Buckley Dwyer Fischer Schmidt Weber Wagner Becker Hoffmann ' +
  'Schulz Koch Richter Klein Wolf Neumann Schwarz Zimmermann Braun Hofmann Hartmann Lange Werner Krause Lehmann ' +
  'Martinez Garcia Lopez Gonzalez Rodriguez Fernandez Sanchez Perez Gomez Diaz Moreno Alvarez Romero Navarro ' +
  'Dubois Durand Lefebvre Leroy Moreau Simon Laurent Michel Bernard Petit Roux Fournier Girard Bonnet Rossi ' +
  'Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Giordano Mancini'
).split(' ');
const TRADES = (
  'Bakery Cafés Design Studio Consulting Engineering Dental Florists Garage Hardware Joinery Landscaping ' +
  'Legal Media Motors Optics Pharmacy Plumbing Printing Roofing Software Tailors Travel Veterinary Wines'
).split(' ');
const SUFFIXES = ['Ltd', 'Limited', 'GmbH', 'SARL', '& Sons', 'Partners', 'Group', 'Co', '& Co', 'Services'];
const SYLLABLES = 'ka ro vi ne tal bor ze mi qu ash dra fen gol hu ix jor ly mav nu op'.split(' ');

export const COMMON_NAME = SURNAMES[0]!;
const TEMPLATES = 2048;
const TEMPLATE_STEP = 1657;
/** The line set of a generated document: a function of its id, computed alike in SQL. */
const templateOf = (id: number) => (id * TEMPLATE_STEP) % TEMPLATES;
export const TODAY = '2026-06-30';
const HISTORY_DAYS = 5 * 365;

const CURRENCIES: { code: string; rate: string; share: number }[] = [
  { code: 'EUR', rate: '1', share: 0.8 },
  { code: 'USD', rate: '0.9217', share: 0.1 },
  { code: 'GBP', rate: '1.1764', share: 0.08 },
  { code: 'JPY', rate: '0.0061', share: 0.02 },
];
const TERMS = [
  { kind: 'net', days: 14 },
  { kind: 'net', days: 30 },
  { kind: 'eom', days: 0 },
  { kind: 'on_receipt' },
] as const;

export interface GenerateOptions {
  invoices: number;
  seed?: number;
  /** Invoices per transaction. */
  batch?: number;
}

export interface Generated {
  invoices: number;
  quotes: number;
  customers: number;
  lines: number;
  payments: number;
  ms: number;
  /** CPU time of the process meanwhile (the machine is shared: wall time includes waiting for a core). */
  cpuMs: number;
  /** Milliseconds per phase of the batches (documents include the summary trigger). */
  phases: Record<string, number>;
  /** A customer with many invoices and one whose surname is unique (for the rare search). */
  busyCustomerId: number;
  rareName: string;
  rareCustomerId: number;
  /** An issued invoice number, for a search by number. */
  sampleNumber: string;
  /** Ids of a few invoices spread over the table, for the "open one" benchmark. */
  sampleIds: number[];
}

interface Template {
  lines: {
    kind: 'item' | 'heading' | 'note';
    itemId: number | null;
    description: string;
    quantity: string;
    unit: string;
    unitPrice: number;
    discount: string | null;
    taxIds: string;
    reason: string;
    amount: number;
    net: number;
    tax: number;
    total: number;
  }[];
  pricesIncludeTax: number;
  subtotal: number;
  discountAmount: number;
  net: number;
  tax: number;
  total: number;
  taxes: { taxId: number; name: string; percent: string; compound: number; base: number; amount: number }[];
}

/** Taxes and items the generated documents refer to, created through the services beforehand. */
export interface Catalog {
  taxes: (TaxRate & { reason: string })[];
  items: { id: number; name: string; unit: string; unitPrice: number; taxIds: number[] }[];
}

function makeTemplates(random: () => number, catalog: Catalog, count: number): Template[] {
  const standard = catalog.taxes.filter((t) => t.reason === '');
  const zero = catalog.taxes.find((t) => t.reason !== '');
  const quantities = ['1', '2', '3', '1.5', '0.25', '10', '12', '4.5'];
  const out: Template[] = [];
  for (let t = 0; t < count; t++) {
    const n = 3 + Math.floor(random() * 5); // 3..7 lines, 5 on average
    const pricesIncludeTax = random() < 0.2;
    const reverseCharge = zero && random() < 0.05;
    const lines: (TotalsLine & {
      itemId: number | null;
      description: string;
      unit: string;
      reason: string;
    })[] = [];
    for (let i = 0; i < n; i++) {
      if (i === 0 && random() < 0.1) {
        lines.push({
          kind: 'heading',
          itemId: null,
          description: 'Work in this period',
          unit: '',
          quantity: '0',
          unitPrice: 0,
          discount: null,
          taxIds: [],
          reason: '',
        });
        continue;
      }
      const item = random() < 0.7 ? catalog.items[Math.floor(random() * catalog.items.length)]! : null;
      const taxIds = reverseCharge
        ? [zero.id]
        : item
          ? item.taxIds
          : [standard[Math.floor(random() * standard.length)]!.id];
      const discount: Discount | null = random() < 0.1 ? { kind: 'percent', percent: '10' } : null;
      lines.push({
        kind: 'item',
        itemId: item?.id ?? null,
        description: item ? `${item.name}\nAs agreed` : `Professional services, phase ${i + 1}`,
        unit: item?.unit ?? 'hour',
        quantity: quantities[Math.floor(random() * quantities.length)]!,
        unitPrice: item ? item.unitPrice : 1000 + Math.floor(random() * 49000),
        discount,
        taxIds,
        reason: reverseCharge ? zero.reason : '',
      });
    }
    const totals = computeTotals({
      pricesIncludeTax,
      lines,
      discount: null,
      shipping: 0,
      shippingTaxIds: [],
      taxes: catalog.taxes,
    });
    const byId = new Map(catalog.taxes.map((x) => [x.id, x]));
    out.push({
      lines: lines.map((l, i) => ({
        kind: l.kind,
        itemId: l.itemId,
        description: l.description,
        quantity: l.quantity,
        unit: l.unit,
        unitPrice: l.unitPrice,
        discount: l.discount ? JSON.stringify(l.discount) : null,
        taxIds: JSON.stringify(l.taxIds),
        reason: l.reason,
        amount: totals.lines[i]!.amount,
        net: totals.lines[i]!.net,
        tax: totals.lines[i]!.tax,
        total: totals.lines[i]!.total,
      })),
      pricesIncludeTax: pricesIncludeTax ? 1 : 0,
      subtotal: totals.subtotal,
      discountAmount: totals.discount,
      net: totals.net,
      tax: totals.tax,
      total: totals.total,
      taxes: totals.taxes.map((x) => ({
        taxId: x.taxId,
        name: byId.get(x.taxId)!.name,
        percent: byId.get(x.taxId)!.percent,
        compound: byId.get(x.taxId)!.compound ? 1 : 0,
        base: x.base,
        amount: x.amount,
      })),
    });
  }
  return out;
}

/** Writes `invoices` invoices (plus one quote per 20 invoices) and what they need. */
export function generate(store: SqliteStore, catalog: Catalog, options: GenerateOptions): Generated {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const random = rng(options.seed ?? 42);
  const db = store.sqlite;
  const batch = options.batch ?? 25_000;
  const nInvoices = options.invoices;
  const nDocs = nInvoices + Math.floor(nInvoices / 20);
  const nCustomers = Math.max(50, Math.floor(nInvoices / 100));

  // Dates: one string per day of the history (and the days after it, for due and payment dates).
  const start = addDays(TODAY, -HISTORY_DAYS);
  const days: string[] = [];
  for (let d = 0, s = start; d <= HISTORY_DAYS + 150; d++, s = addDays(s, 1)) days.push(s);
  const todayIndex = HISTORY_DAYS;

  // Customers.
  const weights = SURNAMES.map((_, i) => 1 / Math.pow(i + 1, 0.6));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const pickSurname = () => {
    let r = random() * weightSum;
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) <= 0) return SURNAMES[i]!;
    return SURNAMES[0]!;
  };
  const rareName = (i: number) => {
    let s = '';
    let x = i + 7919;
    for (let k = 0; k < 4; k++) {
      s += SYLLABLES[x % SYLLABLES.length];
      x = Math.floor(x / SYLLABLES.length) + 13 * k;
    }
    return s.charAt(0).toUpperCase() + s.slice(1) + 'ski';
  };
  interface Cust {
    id: number;
    name: string;
    snapshot: string;
    currency: (typeof CURRENCIES)[number];
    terms: (typeof TERMS)[number];
    due: string;
  }
  const customers: Cust[] = [];
  const insertCustomer = db.prepare(
    `INSERT INTO customers (name, contact_person, phone, billing_address, shipping_address, tax_number, currency,
       payment_terms, default_tax_id, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, '', ?, ?)`,
  );
  const insertEmail = db.prepare(
    'INSERT INTO customer_emails (customer_id, position, email, billing) VALUES (?, 0, ?, 1)',
  );
  const insertCustomerFts = db.prepare(
    'INSERT INTO customers_fts (rowid, name, contact_person, emails, tax_number) VALUES (?, ?, ?, ?, ?)',
  );
  let rareCustomerId = 0;
  let rare = '';
  const created = `${start}T09:00:00.000Z`;
  db.transaction(() => {
    for (let i = 0; i < nCustomers; i++) {
      // 3% of customers have an unusual surname of their own (the rare search).
      const surname = random() < 0.03 ? rareName(i) : pickSurname();
      const name = `${surname} ${TRADES[Math.floor(random() * TRADES.length)]} ${SUFFIXES[Math.floor(random() * SUFFIXES.length)]}`;
      let r = random();
      const currency = CURRENCIES.find((c) => (r -= c.share) <= 0) ?? CURRENCIES[0]!;
      const terms = TERMS[Math.floor(random() * TERMS.length)]!;
      const address = {
        line1: `${1 + (i % 200)} Main Street`,
        line2: '',
        city: 'Dublin',
        region: '',
        postalCode: `D${String(i % 24).padStart(2, '0')}`,
        country: 'Ireland',
      };
      const email = `accounts${i}@${surname.toLowerCase()}.example`;
      const taxNumber = `IE${String(1000000 + i)}X`;
      const { lastInsertRowid } = insertCustomer.run(
        name,
        `${['Niamh', 'Sean', 'Aoife', 'Liam', 'Anna', 'Paul'][i % 6]} ${surname}`,
        '+353 1 555 0100',
        JSON.stringify(address),
        JSON.stringify({ ...address, line1: '' }),
        taxNumber,
        currency.code,
        JSON.stringify(terms),
        created,
        created,
      );
      const id = Number(lastInsertRowid);
      insertEmail.run(id, email);
      insertCustomerFts.run(id, name, '', email, taxNumber);
      if (!rare && surname.endsWith('ski')) {
        rare = surname;
        rareCustomerId = id;
      }
      customers.push({
        id,
        name,
        currency,
        terms,
        snapshot: JSON.stringify({
          name,
          address: [address.line1, `${address.postalCode} ${address.city}`, address.country],
          taxNumber,
          email,
        }),
        due: JSON.stringify({ kind: 'terms', terms }),
      });
    }
  }).immediate();

  const templates = makeTemplates(random, catalog, TEMPLATES);
  const baseCache = new Map<string, number>();
  const base = (amount: number, c: (typeof CURRENCIES)[number]) => {
    if (c.code === 'EUR') return amount;
    const key = `${amount}:${c.code}`;
    let v = baseCache.get(key);
    if (v === undefined) {
      v = toBase(amount, c.code, c.rate, 'EUR');
      baseCache.set(key, v);
    }
    return v;
  };

  // The line sets live in temporary tables, so a batch's lines and tax snapshots are written
  // by one INSERT…SELECT each instead of crossing from JavaScript row by row. A document's
  // line set is a function of its id (templateOf), known to both sides.
  db.exec(`
    DROP TABLE IF EXISTS temp.gen_lines;
    DROP TABLE IF EXISTS temp.gen_taxes;
    CREATE TEMP TABLE gen_lines (
      template INTEGER, position INTEGER, kind TEXT, item_id INTEGER, description TEXT, quantity TEXT, unit TEXT,
      unit_price INTEGER, discount TEXT, tax_ids TEXT, exemption_reason TEXT, amount INTEGER, net INTEGER,
      tax INTEGER, total INTEGER, PRIMARY KEY (template, position));
    CREATE TEMP TABLE gen_taxes (
      template INTEGER, tax_id INTEGER, name TEXT, percent TEXT, compound INTEGER, base INTEGER, amount INTEGER,
      PRIMARY KEY (template, tax_id));
  `);
  const tplLine = db.prepare(
    'INSERT INTO temp.gen_lines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const tplTax = db.prepare('INSERT INTO temp.gen_taxes VALUES (?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    templates.forEach((t, i) => {
      t.lines.forEach((l, p) =>
        tplLine.run(
          i,
          p,
          l.kind,
          l.itemId,
          l.description,
          l.quantity,
          l.unit,
          l.unitPrice,
          l.discount,
          l.taxIds,
          l.reason,
          l.amount,
          l.net,
          l.tax,
          l.total,
        ),
      );
      for (const x of t.taxes) tplTax.run(i, x.taxId, x.name, x.percent, x.compound, x.base, x.amount);
    });
  })();

  // Documents go in DOC_CHUNK rows per INSERT, and every trigger fires for every row. This is
  // what makes generation fast while going through the triggers: an FTS5 table flushes its
  // pending terms at every statement savepoint, and a statement with triggers opens one, so
  // one row per statement would write a tiny FTS segment (and journal the touched index
  // pages) for every document.
  const DOC_CHUNK = 256;
  const docRow = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, '[]', ?, '', '', '', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?,
       NULL, NULL, ?, ?, ?, ?, ?, ?)`;
  const docParams = docRow.split('?').length - 1;
  const insertDocsSql = (n: number) =>
    `INSERT INTO documents (id, type, status, number, number_counter, customer_id, customer_name, customer_snapshot,
       issue_date, due_date, due, currency, exchange_rate, prices_include_tax, discount, shipping, shipping_tax_ids,
       reference, notes, terms, footer, subtotal, discount_amount, net, tax, total, total_base, paid, credited,
       balance, balance_base, settled_on, related_id, recurring_id, void_reason, voided_at, issued_at, sent_at,
       created_at, updated_at)
     VALUES ${Array(n).fill(docRow).join(', ')}`;
  const insertDocs = db.prepare(insertDocsSql(DOC_CHUNK));
  const docArgs: unknown[] = [];
  const flushDocs = () => {
    if (docArgs.length === 0) return;
    const rows = docArgs.length / docParams;
    (rows === DOC_CHUNK ? insertDocs : db.prepare(insertDocsSql(rows))).run(docArgs);
    docArgs.length = 0;
  };
  const range = 'd.id BETWEEN ? AND ?';
  const tpl = `(d.id * ${TEMPLATE_STEP}) % ${TEMPLATES}`;
  // A payment is dated a few days after the issue date (never after today); its id is the
  // invoice's, since each generated invoice has at most one.
  const payDateSql = `min(date(d.issue_date, '+' || (3 + d.id % 40) || ' days'), '${TODAY}')`;
  const methodSql = `CASE d.id % 5 WHEN 0 THEN 'bank_transfer' WHEN 1 THEN 'card' WHEN 2 THEN 'cash' WHEN 3 THEN 'cheque' ELSE 'other' END`;
  const writeLines = db.prepare(
    `INSERT INTO document_lines (document_id, position, kind, item_id, description, quantity, unit, unit_price,
       discount, tax_ids, exemption_reason, amount, net, tax, total)
     SELECT d.id, l.position, l.kind, l.item_id, l.description, l.quantity, l.unit, l.unit_price, l.discount,
       l.tax_ids, l.exemption_reason, l.amount, l.net, l.tax, l.total
     FROM documents d NOT INDEXED JOIN temp.gen_lines l ON l.template = ${tpl} WHERE ${range} ORDER BY d.id, l.position`,
  );
  const writeTaxes = db.prepare(
    `INSERT INTO document_taxes (document_id, tax_id, name, percent, compound, base, amount)
     SELECT d.id, t.tax_id, t.name, t.percent, t.compound, t.base, t.amount
     FROM documents d NOT INDEXED JOIN temp.gen_taxes t ON t.template = ${tpl} WHERE ${range} ORDER BY d.id, t.tax_id`,
  );
  const writePayments = db.prepare(
    `INSERT INTO payments (id, customer_id, date, amount, currency, exchange_rate, amount_base, method, reference, notes, unapplied, created_at)
     SELECT d.id, d.customer_id, ${payDateSql}, d.paid, d.currency, d.exchange_rate, d.paid * d.total_base / d.total, ${methodSql}, d.number, '', 0,
       ${payDateSql} || 'T10:00:00.000Z'
     FROM documents d NOT INDEXED WHERE ${range} AND d.paid > 0 ORDER BY d.id`,
  );
  const writeAllocations = db.prepare(
    `INSERT INTO allocations (invoice_id, payment_id, date, amount)
     SELECT d.id, d.id, ${payDateSql}, d.paid FROM documents d NOT INDEXED WHERE ${range} AND d.paid > 0 ORDER BY d.id`,
  );
  const invoiceSeries = { prefix: 'INV-', includeYear: true, padding: 4 };
  const quoteSeries = { prefix: 'QUO-', includeYear: true, padding: 4 };
  let nextId =
    Number((db.prepare('SELECT coalesce(max(id), 0) AS n FROM documents').get() as { n: number }).n) + 1;
  let invoiceCounter = 0;
  let quoteCounter = 0;
  let quotes = 0;
  let lines = 0;
  let payments = 0;
  let sampleNumber = '';
  const sampleIds: number[] = [];
  const busy = customers[0]!;

  const one = (k: number) => {
    const id = nextId++;
    const isQuote = k % 21 === 20;
    if (isQuote) quotes++;
    const dayIndex = Math.floor((k * HISTORY_DAYS) / nDocs);
    const issueDate = days[dayIndex]!;
    const age = todayIndex - dayIndex;
    // The busy customer has a share of every 97th document.
    const c = k % 97 === 0 ? busy : customers[Math.floor(random() * customers.length)]!;
    const tpl = templates[templateOf(id)]!;
    const r = random();
    let status: string;
    let dueDate: string;
    if (isQuote) {
      status =
        age <= 30 ? (r < 0.2 ? 'draft' : 'sent') : r < 0.55 ? 'accepted' : r < 0.9 ? 'declined' : 'sent';
      dueDate = days[dayIndex + 30]!;
    } else {
      if (age <= 30)
        status =
          r < 0.08 ? 'draft' : r < 0.7 ? 'issued' : r < 0.78 ? 'partially_paid' : r < 0.98 ? 'paid' : 'void';
      else if (age <= 120)
        status = r < 0.15 ? 'issued' : r < 0.2 ? 'partially_paid' : r < 0.98 ? 'paid' : 'void';
      else status = r < 0.01 ? 'issued' : r < 0.015 ? 'partially_paid' : r < 0.985 ? 'paid' : 'void';
      const t = c.terms;
      dueDate =
        t.kind === 'on_receipt'
          ? issueDate
          : t.kind === 'net'
            ? days[dayIndex + t.days]!
            : addDays(endOfMonth(issueDate), t.days);
    }
    let number: string | null = null;
    let counter: number | null = null;
    if (status !== 'draft') {
      counter = isQuote ? ++quoteCounter : ++invoiceCounter;
      number = formatDocumentNumber(
        isQuote ? quoteSeries : invoiceSeries,
        Number(issueDate.slice(0, 4)),
        counter,
      );
    }
    const total = tpl.total;
    let paid = 0;
    if (status === 'paid' || status === 'partially_paid') {
      paid = status === 'paid' ? total : Math.max(1, Math.floor(total * 0.4));
      payments++;
    }
    const payDate = days[Math.min(todayIndex, dayIndex + 3 + (id % 40))]!;
    const open = !isQuote && (status === 'issued' || status === 'partially_paid');
    const balance = open ? total - paid : 0;
    const stamp = `${issueDate}T09:00:00.000Z`;
    docArgs.push(
      id,
      isQuote ? 'quote' : 'invoice',
      status,
      number,
      counter,
      c.id,
      c.name,
      c.snapshot,
      issueDate,
      dueDate,
      isQuote ? `{"kind":"date","date":"${dueDate}"}` : c.due,
      c.currency.code,
      c.currency.rate,
      tpl.pricesIncludeTax,
      k % 7 === 0 ? `PO ${100000 + k}` : '',
      tpl.subtotal,
      tpl.discountAmount,
      tpl.net,
      tpl.tax,
      total,
      base(total, c.currency),
      paid,
      balance,
      base(balance, c.currency),
      status === 'paid' ? payDate : null,
      status === 'void' ? 'Issued in error' : null,
      status === 'void' ? stamp : null,
      status === 'draft' || isQuote ? null : stamp,
      isQuote && status !== 'draft' ? stamp : null,
      stamp,
      stamp,
    );
    if (docArgs.length === DOC_CHUNK * docParams) flushDocs();
    lines += tpl.lines.length;
    if (!sampleNumber && status === 'issued' && !isQuote && k > nDocs / 2) sampleNumber = number!;
    if (!isQuote && k % Math.max(1, Math.floor(nDocs / 64)) === 3) sampleIds.push(id);
  };

  const phases: Record<string, number> = {};
  const writeBatch = db.transaction((from: number, to: number) => {
    let t = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      phases[name] = (phases[name] ?? 0) + now - t;
      t = now;
    };
    const first = nextId;
    for (let k = from; k < to; k++) one(k);
    flushDocs();
    const last = nextId - 1;
    lap('documents');
    writeLines.run(first, last);
    lap('lines');
    writeTaxes.run(first, last);
    writePayments.run(first, last);
    writeAllocations.run(first, last);
    lap('taxes, payments');
  });
  // A bulk job may take a bigger page cache than the app's 64 MiB: the indexes by customer and
  // by name take their inserts all over, and at a million documents they outgrow it.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -524288');
  // Into an empty file, the indexes keyed by customer (whose inserts land all over them, where
  // the others append) are built after the load, as a bulk loader does: the same definitions,
  // read back from the schema and created again at the end. The time counts.
  const empty = !db.prepare('SELECT 1 FROM documents LIMIT 1').get();
  const deferred = empty
    ? (db
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
           AND tbl_name IN ('documents', 'payments') AND name LIKE ?`,
        )
        .all('%customer%') as { name: string; sql: string }[])
    : [];
  for (const index of deferred) db.exec(`DROP INDEX ${index.name}`);
  const docBatch = Math.ceil((batch * 21) / 20);
  for (let from = 0; from < nDocs; from += docBatch)
    writeBatch.immediate(from, Math.min(nDocs, from + docBatch));
  const t1 = performance.now();
  db.transaction(() => {
    for (const index of deferred) db.exec(index.sql);
  }).immediate();
  if (deferred.length) phases.indexes = performance.now() - t1;
  db.pragma(`cache_size = ${cacheSize}`);
  db.prepare(
    `UPDATE number_series SET next_number = CASE doc_type WHEN 'invoice' THEN ? WHEN 'quote' THEN ? ELSE next_number END`,
  ).run(invoiceCounter + 1, quoteCounter + 1);
  db.exec('DROP TABLE temp.gen_lines; DROP TABLE temp.gen_taxes;');

  return {
    invoices: nDocs - quotes,
    quotes,
    customers: nCustomers,
    lines,
    payments,
    ms: performance.now() - t0,
    cpuMs: (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1000,
    phases,
    busyCustomerId: busy.id,
    rareName: rare,
    rareCustomerId,
    sampleNumber,
    sampleIds,
  };
}

import { msg, type MessageParams } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { BankLine, BankSuggestion } from '../../../shared/api/bank';
import { AppError, fieldError, notFound } from '../../../shared/api/errors';
import { invoiceKey } from '../../../shared/domain/bill-checks';
import { earlyPaymentOffer } from '../../../shared/domain/early-payment';
import { nameKey, nameSimilarity } from '../../../shared/domain/bank/names';
import {
  candidateKeys,
  findBelgianReferences,
  findCreditorReferences,
  referenceKey,
} from '../../../shared/domain/bank/references';
import { dialectOf } from '../../db/dialect';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { earlyFromColumns, moneyFormatter } from '../payables/common';
import { createPayment as createBillPayment, deletePayment as deleteBillPayment } from '../payables/payments';
import { recordPayment, undoPayment } from '../receivables/payments';

/**
 * Matching bank lines to open invoices (money in) and open bills (money out).
 *
 * Each line gets ranked suggestions with their reasons. Evidence and its weight:
 * - the reference names a document: its number in any spacing or case, the RF creditor
 *   reference or Belgian structured communication derived from it (60);
 * - the counterparty's IBAN is the customer's or vendor's, or a rule learnt from an earlier
 *   confirmation says whose it is (25); the name matches, tolerantly, or by a learnt rule (15);
 * - the amount equals the open balance, or the balance less an early-payment discount that
 *   is still on offer (20); a smaller amount is a partial payment (5).
 * Confirming records the payment exactly as the payment screens do, links it to the line and
 * learns a rule (IBAN, or name where there is no IBAN). Undo removes the payment; the line is
 * open again.
 */

/** The key expression of the index documents_open_by_number_key (migration "bank"). */
const NUMBER_KEY_SQL = `upper(replace(replace(replace(replace(replace(number, '-', ''), ' ', ''), '/', ''), '.', ''), '_', ''))`;
const OPEN_INVOICE = `d.type = 'invoice' AND d.status IN ('issued', 'partially_paid')`;
const OPEN_BILL = `b.status IN ('awaiting_payment', 'partially_paid')`;

type LineRow = {
  id: number;
  account_id: number;
  booking_date: string;
  value_date: string | null;
  amount: number;
  currency: string;
  counterparty_name: string;
  counterparty_iban: string;
  reference: string;
  text: string;
  status: 'open' | 'matched' | 'categorized';
  category: string | null;
  note: string;
};

interface OpenDoc {
  id: number;
  number: string;
  partyId: number;
  partyName: string;
  balance: number;
  dueDate: string;
  /** Bills: what paying early saves on this line's date. */
  discount: number;
}

interface Candidate {
  doc: OpenDoc;
  score: number;
  reasons: Reason[];
}

/** `lock`: held until the caller's transaction ends, so two machines never change one line at once. */
async function lineRow(ctx: ServiceContext, id: number, lock = false): Promise<LineRow> {
  const store = storeOf(ctx);
  const query = qb.selectFrom('bank_lines').selectAll().where('id', '=', id);
  const l = await store.first(lock ? query.modifyEnd(dialectOf(store).forUpdate) : query);
  if (!l) throw notFound(msg('errors.notFound.bankLine'));
  return l;
}

// ---------------------------------------------------------------------------------------
// Looking up open documents

/**
 * Open invoices (or bills) in due-date order that meet `where`, read through the named index:
 * left to itself SQLite may walk every open document in due-date order to avoid a sort.
 */
async function invoiceRows(
  ctx: ServiceContext,
  index: string,
  where: string,
  params: unknown[],
  currency: string,
  limit = 50,
): Promise<OpenDoc[]> {
  const rows = (await storeOf(ctx)
    .prepare(
      `SELECT d.id, d.number, d.customer_id AS "partyId", c.name AS "partyName", d.balance, d.due_date AS "dueDate"
         FROM documents d INDEXED BY ${index} JOIN customers c ON c.id = d.customer_id
        WHERE ${OPEN_INVOICE} AND d.currency = ? AND ${where}
        ORDER BY d.due_date, d.id LIMIT ${limit}`,
    )
    .all(currency, ...params)) as Omit<OpenDoc, 'discount'>[];
  return rows.map((r) => ({ ...r, discount: 0 }));
}

async function billRows(
  ctx: ServiceContext,
  index: string,
  where: string,
  params: unknown[],
  currency: string,
  on: string,
  limit = 50,
): Promise<OpenDoc[]> {
  const rows = (await storeOf(ctx)
    .prepare(
      `SELECT b.id, b.vendor_invoice_number AS number, b.vendor_id AS "partyId", v.name AS "partyName", b.balance,
              b.due_date AS "dueDate", b.bill_date, b.total, b.discount_taken, b.discount_bp, b.discount_days
         FROM bills b INDEXED BY ${index} JOIN vendors v ON v.id = b.vendor_id
        WHERE ${OPEN_BILL} AND b.currency = ? AND ${where}
        ORDER BY b.due_date, b.id LIMIT ${limit}`,
    )
    .all(currency, ...params)) as (Omit<OpenDoc, 'discount'> & {
    bill_date: string;
    total: number;
    discount_taken: number;
    discount_bp: number | null;
    discount_days: number | null;
  })[];
  return rows.map((r) => {
    const offer = earlyPaymentOffer(
      {
        billDate: r.bill_date,
        total: r.total,
        balance: r.balance,
        discountTaken: r.discount_taken,
        earlyPayment: earlyFromColumns(r.discount_bp, r.discount_days),
      },
      on,
    );
    return {
      id: r.id,
      number: r.number || `#${r.id}`,
      partyId: r.partyId,
      partyName: r.partyName,
      balance: r.balance,
      dueDate: r.dueDate,
      discount: offer?.save ?? 0,
    };
  });
}

/** Number keys a line's texts may carry: plain numbers, RF references, Belgian references. */
async function referencedKeys(
  ctx: ServiceContext,
  line: LineRow,
): Promise<{ keys: string[]; via: Map<string, string> }> {
  const text = `${line.reference} ${line.text}`;
  const via = new Map<string, string>();
  for (const k of candidateKeys(text)) via.set(k, 'number');
  for (const rf of findCreditorReferences(text)) via.set(rf.slice(4), 'rf');
  const belgian = findBelgianReferences(text);
  if (belgian.length > 0) {
    const series = (await storeOf(ctx)
      .prepare(`SELECT prefix, include_year, padding FROM number_series WHERE doc_type = 'invoice'`)
      .all()) as { prefix: string; include_year: number; padding: number }[];
    for (const digits of belgian) {
      const base = digits.slice(0, 10).replace(/^0+/, '');
      for (const s of series) {
        const prefix = referenceKey(s.prefix);
        via.set(prefix + base, 'belgian');
        via.set(prefix + base.padStart(s.padding, '0'), 'belgian');
        if (s.include_year && base.length > 4)
          via.set(prefix + base.slice(0, 4) + base.slice(4).padStart(s.padding, '0'), 'belgian');
      }
    }
  }
  return { keys: [...via.keys()], via };
}

/**
 * Why a document is suggested, said in the caller's language when the suggestion is answered;
 * `named`: the line's reference names the document.
 */
interface Reason {
  key: string;
  params?: MessageParams;
  named?: boolean;
}
const say = (r: Reason) => msg(r.key, r.params);

const REF_REASON: Record<string, string> = {
  number: 'bank.reasons.referenceNames',
  rf: 'bank.reasons.rfReference',
  belgian: 'bank.reasons.structuredCommunication',
};

/** More customers or vendors than this fitting one name make the name no evidence. */
const MAX_NAME_MATCHES = 3;

interface Party {
  id: number;
  score: number;
  /** The catalogue key of the reason, said with the party's name. */
  reason: string;
}

/** Customers or vendors the counterparty is: by IBAN, a learnt rule, or the name. */
async function partiesOf(ctx: ServiceContext, line: LineRow, kind: 'customer' | 'vendor'): Promise<Party[]> {
  const store = storeOf(ctx);
  const table = kind === 'customer' ? 'customers' : 'vendors';
  const ruleColumn = kind === 'customer' ? 'customer_id' : 'vendor_id';
  const found = new Map<number, Party>();
  const add = (p: Party) => {
    const had = found.get(p.id);
    if (!had || had.score < p.score) found.set(p.id, p);
  };
  if (line.counterparty_iban) {
    for (const r of (await store
      .prepare(`SELECT id FROM ${table} WHERE iban = ? AND archived_at IS NULL LIMIT 5`)
      .all(line.counterparty_iban)) as { id: number }[])
      add({
        id: r.id,
        score: 25,
        reason: kind === 'customer' ? 'bank.reasons.payerIban' : 'bank.reasons.payeeIban',
      });
    for (const r of (await store
      .prepare(
        `SELECT ${ruleColumn} AS id FROM bank_rules WHERE kind = 'iban' AND pattern = ? AND ${ruleColumn} IS NOT NULL`,
      )
      .all(line.counterparty_iban)) as { id: number }[])
      add({ id: r.id, score: 25, reason: 'bank.reasons.learntIban' });
  }
  if (line.counterparty_name) {
    const key = nameKey(line.counterparty_name);
    if (key)
      for (const r of (await store
        .prepare(
          `SELECT ${ruleColumn} AS id FROM bank_rules WHERE kind = 'name' AND pattern = ? AND ${ruleColumn} IS NOT NULL`,
        )
        .all(key)) as { id: number }[])
        add({ id: r.id, score: 20, reason: 'bank.reasons.learntName' });
    // Name candidates: customers through the search index, vendors by the first word.
    const words = key
      .split(' ')
      .filter((w) => w.length >= 3)
      .slice(0, 3);
    if (words.length > 0) {
      const named = dialectOf(store).customersNamedAny(words, 20);
      const rows =
        kind === 'customer'
          ? ((await store
              .prepare(
                `SELECT c.id, c.name FROM customers c WHERE c.archived_at IS NULL AND c.id IN ${named.sql}`,
              )
              .all(...named.params)) as { id: number; name: string }[])
          : await store.all(
              qb
                .selectFrom('vendors')
                .select(['id', 'name'])
                .where('archived_at', 'is', null)
                .where(dialectOf(store).containsIgnoringCase('name', words[0]!))
                .limit(50),
            );
      // A name that fits many customers or vendors ("Vendor", "Müller") says nothing.
      const alike = rows.filter((r) => nameSimilarity(r.name, line.counterparty_name) >= 0.6);
      if (alike.length <= MAX_NAME_MATCHES)
        for (const r of alike) add({ id: r.id, score: 15, reason: 'bank.reasons.nameMatches' });
    }
  }
  return [...found.values()];
}

async function partyName(ctx: ServiceContext, kind: 'customer' | 'vendor', id: number): Promise<string> {
  const table = kind === 'customer' ? 'customers' : 'vendors';
  return (
    (
      (await storeOf(ctx).prepare(`SELECT name FROM ${table} WHERE id = ?`).get(id)) as
        { name: string } | undefined
    )?.name ?? ''
  );
}

// ---------------------------------------------------------------------------------------
// Suggestions

function scoreAmount(c: Candidate, amount: number, money: (n: number) => string) {
  if (amount === c.doc.balance) {
    c.score += 20;
    c.reasons.push({ key: 'bank.reasons.amountIsBalance' });
  } else if (c.doc.discount > 0 && amount === c.doc.balance - c.doc.discount) {
    c.score += 20;
    c.reasons.push({ key: 'bank.reasons.amountLessDiscount', params: { discount: money(c.doc.discount) } });
  } else if (amount < c.doc.balance) {
    c.score += 5;
    c.reasons.push({
      key: 'bank.reasons.partialPayment',
      params: { amount: money(amount), balance: money(c.doc.balance) },
    });
  }
}

export async function suggest(ctx: ServiceContext, input: { lineId: number }): Promise<BankSuggestion[]> {
  const line = await lineRow(ctx, input.lineId);
  return await suggestFor(ctx, line);
}

async function suggestFor(ctx: ServiceContext, line: LineRow): Promise<BankSuggestion[]> {
  if (line.status !== 'open' || line.amount === 0) return [];
  const incoming = line.amount > 0;
  const amount = Math.abs(line.amount);
  const kind = incoming ? 'customer' : 'vendor';
  const money = await moneyFormatter(ctx, line.currency);
  const candidates = new Map<number, Candidate>();
  const get = (doc: OpenDoc) => {
    let c = candidates.get(doc.id);
    if (!c) candidates.set(doc.id, (c = { doc, score: 0, reasons: [] }));
    return c;
  };

  // 1. Documents the reference names.
  const { keys, via } = await referencedKeys(ctx, line);
  if (keys.length > 0) {
    if (incoming) {
      const placeholders = keys.map(() => '?').join(', ');
      for (const doc of await invoiceRows(
        ctx,
        'documents_open_by_number_key',
        `${NUMBER_KEY_SQL.replace('number', 'd.number')} IN (${placeholders})`,
        keys,
        line.currency,
      )) {
        const c = get(doc);
        const how = via.get(referenceKey(doc.number)) ?? 'number';
        c.score += 60;
        c.reasons.push({ key: REF_REASON[how]!, params: { number: doc.number }, named: true });
      }
    } else {
      const billKeys = [...new Set(keys.map(invoiceKey).filter((k) => k.length >= 2))];
      const placeholders = billKeys.map(() => '?').join(', ');
      if (billKeys.length > 0)
        for (const doc of await billRows(
          ctx,
          'bills_open_by_invoice_key',
          `b.invoice_key IN (${placeholders}) AND b.invoice_key <> ''`,
          billKeys,
          line.currency,
          line.booking_date,
        )) {
          const c = get(doc);
          c.score += 60;
          c.reasons.push({
            key: 'bank.reasons.referenceNamesBill',
            params: { number: doc.number },
            named: true,
          });
        }
    }
  }

  // 2. The counterparty: its open documents.
  const parties = await partiesOf(ctx, line, kind);
  for (const p of parties) {
    const docs = incoming
      ? await invoiceRows(ctx, 'documents_open_by_customer', 'd.customer_id = ?', [p.id], line.currency)
      : await billRows(
          ctx,
          'bills_open_by_vendor_due',
          'b.vendor_id = ?',
          [p.id],
          line.currency,
          line.booking_date,
        );
    for (const doc of docs) {
      const c = get(doc);
      if (!c.reasons.some((r) => r.key === p.reason)) {
        c.score += p.score;
        c.reasons.push({ key: p.reason, params: { name: doc.partyName } });
      }
    }
  }
  const partyIds = new Set(parties.map((p) => p.id));

  // 3. Documents with exactly this balance (when nothing better is known, the amount alone).
  const byAmount = incoming
    ? await invoiceRows(ctx, 'documents_open_by_balance', 'd.balance = ?', [amount], line.currency, 20)
    : await billRows(
        ctx,
        'bills_open_by_balance',
        'b.balance = ?',
        [amount],
        line.currency,
        line.booking_date,
        20,
      );
  for (const doc of byAmount) get(doc);

  for (const c of candidates.values()) scoreAmount(c, amount, money);
  // The same party by name on a document the reference or amount found.
  for (const c of candidates.values())
    if (
      !partyIds.has(c.doc.partyId) &&
      line.counterparty_name &&
      nameSimilarity(c.doc.partyName, line.counterparty_name) >= 0.6
    ) {
      c.score += 15;
      c.reasons.push({ key: 'bank.reasons.nameMatches', params: { name: c.doc.partyName } });
    }

  const ranked = [...candidates.values()]
    .filter((c) => c.score >= 20)
    .sort((a, b) => b.score - a.score || a.doc.dueDate.localeCompare(b.doc.dueDate) || a.doc.id - b.doc.id);

  const suggestions: BankSuggestion[] = ranked.slice(0, 5).map((c) => single(c, amount, incoming));

  // One line paying several documents of one party: the documents it names, or all of the
  // party's open documents when the amount is exactly their sum.
  const byParty = new Map<number, Candidate[]>();
  for (const c of ranked) byParty.set(c.doc.partyId, [...(byParty.get(c.doc.partyId) ?? []), c]);
  for (const [, group] of byParty) {
    const named = group.filter((c) => c.reasons.some((r) => r.named));
    const sumOf = (cs: Candidate[]) => cs.reduce((t, c) => t + c.doc.balance - c.doc.discount, 0);
    let set: Candidate[] | null = null;
    let reason = '';
    if (named.length > 1) {
      set = named;
      reason = msg('bank.reasons.referenceNames', { number: named.map((c) => c.doc.number).join(', ') });
    } else if (group.length > 1 && group.length <= 20 && sumOf(group) === amount) {
      set = group;
      reason = msg('bank.reasons.sumOfOpen', { count: group.length, kind: incoming ? 'invoices' : 'bills' });
    }
    if (set) {
      const exact = sumOf(set) === amount;
      suggestions.push(
        multi(set, amount, incoming, Math.min(100, 60 + (exact ? 30 : 0) + (set[0]!.score >= 80 ? 10 : 0)), [
          reason,
          ...(exact ? [msg('bank.reasons.amountIsTheirTotal')] : []),
        ]),
      );
    }
  }
  return suggestions
    .sort((a, b) => b.score - a.score || b.allocations.length - a.allocations.length)
    .slice(0, 5);
}

function single(c: Candidate, amount: number, incoming: boolean): BankSuggestion {
  const discount =
    !incoming && c.doc.discount > 0 && amount === c.doc.balance - c.doc.discount ? c.doc.discount : 0;
  const applied = Math.min(amount, c.doc.balance - discount);
  return {
    kind: incoming ? 'invoices' : 'bills',
    partyId: c.doc.partyId,
    partyName: c.doc.partyName,
    score: Math.min(100, c.score),
    reasons: c.reasons.map(say),
    allocations: [
      { documentId: c.doc.id, number: c.doc.number, balance: c.doc.balance, amount: applied, discount },
    ],
    unapplied: amount - applied,
  };
}

function multi(
  set: Candidate[],
  amount: number,
  incoming: boolean,
  score: number,
  reasons: string[],
): BankSuggestion {
  let left = amount;
  const allocations = set.map((c) => {
    const discount =
      !incoming && c.doc.discount > 0 && left >= c.doc.balance - c.doc.discount ? c.doc.discount : 0;
    const pay = Math.min(left, c.doc.balance - discount);
    left -= pay;
    return {
      documentId: c.doc.id,
      number: c.doc.number,
      balance: c.doc.balance,
      amount: pay,
      discount: pay > 0 ? discount : 0,
    };
  });
  return {
    kind: incoming ? 'invoices' : 'bills',
    partyId: set[0]!.doc.partyId,
    partyName: set[0]!.doc.partyName,
    score,
    reasons,
    allocations: allocations.filter((a) => a.amount > 0),
    unapplied: left,
  };
}

// ---------------------------------------------------------------------------------------
// Lines: list, confirm, undo, categorise

export async function toLine(ctx: ServiceContext, l: LineRow): Promise<BankLine> {
  const store = storeOf(ctx);
  const m = await store.first(
    qb.selectFrom('bank_matches').selectAll().where('line_id', '=', l.id).where('undone_at', 'is', null),
  );
  let match: BankLine['match'] = null;
  if (m?.payment_id) {
    const docs = (await store
      .prepare(
        `SELECT d.id, d.number FROM allocations a JOIN documents d ON d.id = a.invoice_id
          WHERE a.payment_id = ? AND a.undone_at IS NULL ORDER BY d.id`,
      )
      .all(m.payment_id)) as { id: number; number: string }[];
    const p = (await store
      .prepare(`SELECT c.name FROM payments p JOIN customers c ON c.id = p.customer_id WHERE p.id = ?`)
      .get(m.payment_id)) as { name: string } | undefined;
    match = { kind: 'payment', id: m.payment_id, partyName: p?.name ?? '', documents: docs };
  } else if (m?.bill_payment_id) {
    const docs = (await store
      .prepare(
        `SELECT b.id, b.vendor_invoice_number AS number FROM bill_payment_allocations a JOIN bills b ON b.id = a.bill_id
          WHERE a.payment_id = ? ORDER BY b.id`,
      )
      .all(m.bill_payment_id)) as { id: number; number: string }[];
    const p = (await store
      .prepare(`SELECT v.name FROM bill_payments p JOIN vendors v ON v.id = p.vendor_id WHERE p.id = ?`)
      .get(m.bill_payment_id)) as { name: string } | undefined;
    match = { kind: 'bill_payment', id: m.bill_payment_id, partyName: p?.name ?? '', documents: docs };
  }
  return {
    id: l.id,
    accountId: l.account_id,
    bookingDate: l.booking_date,
    valueDate: l.value_date,
    amount: l.amount,
    currency: l.currency,
    counterpartyName: l.counterparty_name,
    counterpartyIban: l.counterparty_iban,
    reference: l.reference,
    text: l.text,
    status: l.status,
    category: l.category,
    note: l.note,
    match,
  };
}

export async function listLines(ctx: ServiceContext, input: ParsedInput<'bank.lines.list'>) {
  let q = qb.selectFrom('bank_lines').where('account_id', '=', input.accountId);
  if (input.status !== 'all') q = q.where('status', '=', input.status);
  const store = storeOf(ctx);
  const total = Number((await store.first(q.select((eb) => eb.fn.countAll<number>().as('n'))))?.n ?? 0);
  const rows = await store.all(
    q
      .selectAll()
      .orderBy('booking_date', input.status === 'open' ? 'asc' : 'desc')
      .orderBy('id')
      .limit(input.limit)
      .offset(input.offset),
  );
  return { total, rows: await Promise.all(rows.map((r) => toLine(ctx, r))) };
}

async function learn(ctx: ServiceContext, line: LineRow, kind: 'customer' | 'vendor', partyId: number) {
  const store = storeOf(ctx);
  const column = kind === 'customer' ? 'customer_id' : 'vendor_id';
  const other = kind === 'customer' ? 'vendor_id' : 'customer_id';
  const rule = line.counterparty_iban
    ? { kind: 'iban' as const, pattern: line.counterparty_iban }
    : line.counterparty_name && nameKey(line.counterparty_name)
      ? { kind: 'name' as const, pattern: nameKey(line.counterparty_name) }
      : null;
  if (!rule) return;
  await store
    .prepare(
      `INSERT INTO bank_rules (kind, pattern, ${column}, ${other}, uses, created_at) VALUES (?, ?, ?, NULL, 1, ?)
       ON CONFLICT (kind, pattern) DO UPDATE SET ${column} = excluded.${column}, ${other} = NULL,
         uses = CASE WHEN bank_rules.${column} IS NOT DISTINCT FROM excluded.${column} THEN bank_rules.uses + 1 ELSE 1 END`,
    )
    .run(rule.kind, rule.pattern, partyId, ctx.clock.now().toISOString());
}

export async function confirm(
  ctx: ServiceContext,
  input: ParsedInput<'bank.lines.confirm'>,
): Promise<BankLine> {
  const store = storeOf(ctx);
  await store.tx(async () => {
    const line = await lineRow(ctx, input.lineId, true);
    if (line.status !== 'open')
      throw new AppError(
        'CONFLICT',
        line.status === 'matched'
          ? 'This line is already matched. Undo that match first.'
          : 'This line is categorised. Clear its category first.',
      );
    const incoming = line.amount > 0;
    if ((input.kind === 'invoices') !== incoming)
      throw fieldError(
        'kind',
        incoming ? 'Money in pays invoices, not bills.' : 'Money out pays bills, not invoices.',
      );
    if (input.allocations.length === 0)
      throw fieldError('allocations', msg('errors.matching.chooseWhatLinePays'));
    const amount = Math.abs(line.amount);
    const reference = (line.reference || line.counterparty_name).slice(0, 100);
    let paymentId: number | null = null;
    let billPaymentId: number | null = null;
    if (incoming) {
      const applied = input.allocations.reduce((t, a) => t + a.amount, 0);
      if (applied > amount) throw fieldError('allocations', msg('errors.matching.amountsAppliedAddUp'));
      const rate = (await store
        .prepare(`SELECT exchange_rate FROM documents WHERE id = ?`)
        .get(input.allocations[0]!.documentId)) as { exchange_rate: string } | undefined;
      paymentId = (
        await recordPayment(ctx, {
          customerId: input.partyId,
          date: line.booking_date,
          amount,
          currency: line.currency,
          exchangeRate: rate?.exchange_rate ?? '1',
          method: 'bank_transfer',
          reference,
          notes: `From the bank line of ${line.booking_date}${line.counterparty_name ? ` (${line.counterparty_name})` : ''}`,
          allocations: input.allocations.map((a) => ({ invoiceId: a.documentId, amount: a.amount })),
        })
      ).id;
    } else {
      const paid = input.allocations.reduce((t, a) => t + a.amount, 0);
      if (paid !== amount) {
        const money = await moneyFormatter(ctx, line.currency);
        throw fieldError(
          'allocations',
          msg('errors.matching.billPaymentsAddUp', { paid: money(paid), amount: money(amount) }),
        );
      }
      const vendors = (await store
        .prepare(
          `SELECT DISTINCT vendor_id FROM bills WHERE id IN (${input.allocations.map(() => '?').join(',')})`,
        )
        .all(...input.allocations.map((a) => a.documentId))) as { vendor_id: number }[];
      if (vendors.length !== 1 || vendors[0]!.vendor_id !== input.partyId)
        throw fieldError('allocations', msg('errors.matching.theseBillsAreNot'));
      const rate = (await store
        .prepare(`SELECT exchange_rate FROM bills WHERE id = ?`)
        .get(input.allocations[0]!.documentId)) as { exchange_rate: string } | undefined;
      billPaymentId = (
        await createBillPayment(ctx, {
          paymentDate: line.booking_date,
          method: 'bank_transfer',
          reference,
          exchangeRate: rate?.exchange_rate,
          notes: `From the bank line of ${line.booking_date}`,
          allocations: input.allocations.map((a) => ({
            billId: a.documentId,
            amount: a.amount,
            discount: a.discount,
          })),
        })
      ).id;
    }
    await store.run(
      qb.insertInto('bank_matches').values({
        line_id: line.id,
        payment_id: paymentId,
        bill_payment_id: billPaymentId,
        created_at: ctx.clock.now().toISOString(),
        undone_at: null,
      }),
    );
    await store.run(qb.updateTable('bank_lines').set({ status: 'matched' }).where('id', '=', line.id));
    await learn(ctx, line, incoming ? 'customer' : 'vendor', input.partyId);
    await recordAudit(ctx, {
      entity: 'bank_line',
      entityId: line.id,
      action: 'match',
      details: {
        amount: line.amount,
        date: line.booking_date,
        ...(paymentId ? { paymentId } : { billPaymentId }),
        documents: input.allocations.map((a) => a.documentId),
      },
    });
  });
  return await toLine(ctx, await lineRow(ctx, input.lineId));
}

export async function undo(ctx: ServiceContext, input: ParsedInput<'bank.lines.undo'>): Promise<BankLine> {
  const store = storeOf(ctx);
  await store.tx(async () => {
    const line = await lineRow(ctx, input.lineId, true);
    const m = await store.first(
      qb.selectFrom('bank_matches').selectAll().where('line_id', '=', line.id).where('undone_at', 'is', null),
    );
    if (!m) throw new AppError('CONFLICT', msg('errors.matching.lineNotMatched'));
    // The payment's own undo reopens the line (triggers of the migration "bank").
    if (m.payment_id) await undoPayment(ctx, { id: m.payment_id, reason: 'Bank match undone' });
    else if (m.bill_payment_id) await deleteBillPayment(ctx, { id: m.bill_payment_id });
    await recordAudit(ctx, {
      entity: 'bank_line',
      entityId: line.id,
      action: 'unmatch',
      details: { match: m.id },
    });
  });
  return await toLine(ctx, await lineRow(ctx, input.lineId));
}

export async function categorize(
  ctx: ServiceContext,
  input: ParsedInput<'bank.lines.categorize'>,
): Promise<BankLine> {
  const store = storeOf(ctx);
  await store.tx(async () => {
    const line = await lineRow(ctx, input.lineId, true);
    if (line.status === 'matched') throw new AppError('CONFLICT', msg('errors.matching.linePaysInvoiceBill'));
    await store.run(
      qb
        .updateTable('bank_lines')
        .set({ status: input.category ? 'categorized' : 'open', category: input.category, note: input.note })
        .where('id', '=', line.id),
    );
    await recordAudit(ctx, {
      entity: 'bank_line',
      entityId: line.id,
      action: 'categorize',
      before: { category: line.category },
      after: { category: input.category },
    });
  });
  return await toLine(ctx, await lineRow(ctx, input.lineId));
}

export async function listRules(ctx: ServiceContext) {
  const rows = (await storeOf(ctx)
    .prepare(
      `SELECT r.id, r.kind, r.pattern, r.customer_id, r.vendor_id, r.uses, r.created_at,
              COALESCE(c.name, v.name, '') AS party_name
         FROM bank_rules r LEFT JOIN customers c ON c.id = r.customer_id LEFT JOIN vendors v ON v.id = r.vendor_id
        ORDER BY party_name, r.kind, r.pattern`,
    )
    .all()) as {
    id: number;
    kind: 'iban' | 'name';
    pattern: string;
    customer_id: number | null;
    vendor_id: number | null;
    uses: number;
    created_at: string;
    party_name: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    pattern: r.pattern,
    partyKind: r.customer_id !== null ? ('customer' as const) : ('vendor' as const),
    partyId: (r.customer_id ?? r.vendor_id)!,
    partyName: r.party_name,
    uses: r.uses,
    createdAt: r.created_at,
  }));
}

export async function deleteRule(ctx: ServiceContext, input: { id: number }) {
  return await storeOf(ctx).tx(async () => {
    const r = await storeOf(ctx).run(qb.deleteFrom('bank_rules').where('id', '=', input.id));
    if (r.changes > 0) await recordAudit(ctx, { entity: 'bank_rule', entityId: input.id, action: 'delete' });
    return { deleted: r.changes > 0 };
  });
}

export { partyName };

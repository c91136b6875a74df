import type { ParsedInput } from '../../../shared/api/contract';
import type { TaxReport } from '../../../shared/api/reports';
import { roundDiv } from '../../../shared/domain/decimal';
import { toBase } from '../../../shared/domain/fx';
import { storeOf, type ServiceContext } from '../context';
import { getPreferences } from '../settings';
import { getReportSettings } from './report-settings';

type Line = TaxReport['collected'][number];

function add(map: Map<string, Line>, name: string, percent: string, base: number, amount: number): void {
  const key = `${name}|${percent}`;
  const line = map.get(key) ?? { name, percent, base: 0, amount: 0 };
  line.base += base;
  line.amount += amount;
  map.set(key, line);
}

/**
 * Tax collected on invoices, per rate, in the base currency.
 *  - accrual: the tax of invoices issued in the period, less credit notes issued in it;
 *  - cash: the tax inside the money received in the period (each payment carries its share
 *    of the invoice's tax, in proportion to the part of the invoice it paid).
 */
async function collected(
  ctx: ServiceContext,
  from: string,
  to: string,
  basis: 'accrual' | 'cash',
): Promise<Line[]> {
  const base = (await getPreferences(ctx)).baseCurrency;
  const store = storeOf(ctx);
  const out = new Map<string, Line>();
  if (basis === 'accrual') {
    const rows = (await store
      .prepare(
        `SELECT d.type, d.currency, d.exchange_rate, t.name, t.percent, t.base, t.amount
         FROM documents d JOIN document_taxes t ON t.document_id = d.id
         WHERE d.type IN ('invoice', 'credit_note') AND d.status NOT IN ('draft', 'void') AND d.issue_date BETWEEN ? AND ?`,
      )
      .all(from, to)) as {
      type: string;
      currency: string;
      exchange_rate: string;
      name: string;
      percent: string;
      base: number;
      amount: number;
    }[];
    for (const r of rows) {
      const sign = r.type === 'credit_note' ? -1 : 1;
      add(
        out,
        r.name,
        r.percent,
        sign * toBase(r.base, r.currency, r.exchange_rate, base),
        sign * toBase(r.amount, r.currency, r.exchange_rate, base),
      );
    }
  } else {
    const rows = (await store
      .prepare(
        `SELECT a.amount AS paid, d.total, d.currency, d.exchange_rate, t.name, t.percent, t.base, t.amount
         FROM allocations a JOIN documents d ON d.id = a.invoice_id JOIN document_taxes t ON t.document_id = d.id
         WHERE a.payment_id IS NOT NULL AND a.undone_at IS NULL AND a.date BETWEEN ? AND ? AND d.total > 0`,
      )
      .all(from, to)) as {
      paid: number;
      total: number;
      currency: string;
      exchange_rate: string;
      name: string;
      percent: string;
      base: number;
      amount: number;
    }[];
    for (const r of rows) {
      const share = (x: number) => Number(roundDiv(BigInt(x) * BigInt(r.paid), BigInt(r.total)));
      add(
        out,
        r.name,
        r.percent,
        toBase(share(r.base), r.currency, r.exchange_rate, base),
        toBase(share(r.amount), r.currency, r.exchange_rate, base),
      );
    }
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Bills record the tax printed on them as an amount per line, not a rate: one line holds it all. */
export const RECLAIMABLE_TAX = 'Reclaimable tax on bills';

/**
 * Reclaimable tax on bills, in the base currency at each bill's rate; `base` is the amount of
 * the lines that carry tax.
 *  - accrual: the tax of bills dated in the period (drafts and void bills left out), less the
 *    tax share of early-payment discounts taken in the period (a discount reduces what was
 *    paid for, so the input tax too, in the period it was taken: §17 UStG, Art. 90 VAT Directive);
 *  - cash: the tax inside the bill payments made in the period, each payment carrying its share
 *    of the bill's tax in proportion to the part of the bill it paid (the rule used for
 *    invoices above).
 */
async function paid(
  ctx: ServiceContext,
  from: string,
  to: string,
  basis: 'accrual' | 'cash',
): Promise<Line[]> {
  const base = (await getPreferences(ctx)).baseCurrency;
  // The bill's tax is kept on the bill; the taxed amount is the sum of its lines that carry tax.
  // `part` is what counts of the bill: all of it (accrual), or what a payment paid (cash).
  const taxed = `(SELECT sum(l.amount) FROM bill_lines l WHERE l.bill_id = b.id AND l.tax > 0) AS taxed`;
  const rows = (await storeOf(ctx)
    .prepare(
      basis === 'accrual'
        ? `SELECT b.total AS part, b.total, b.currency, b.exchange_rate, b.tax, ${taxed}
           FROM bills b INDEXED BY bills_by_date
           WHERE b.bill_date BETWEEN ? AND ? AND b.status NOT IN ('draft', 'void') AND b.tax > 0
           UNION ALL
           SELECT -a.discount AS part, b.total, b.currency, b.exchange_rate, b.tax, ${taxed}
           FROM bill_payments p JOIN bill_payment_allocations a ON a.payment_id = p.id JOIN bills b ON b.id = a.bill_id
           WHERE p.payment_date BETWEEN ? AND ? AND a.discount > 0 AND b.tax > 0`
        : `SELECT a.amount AS part, b.total, b.currency, b.exchange_rate, b.tax, ${taxed}
           FROM bill_payments p JOIN bill_payment_allocations a ON a.payment_id = p.id JOIN bills b ON b.id = a.bill_id
           WHERE p.payment_date BETWEEN ? AND ? AND b.tax > 0`,
    )
    .all(...(basis === 'accrual' ? [from, to, from, to] : [from, to]))) as {
    part: number;
    total: number;
    currency: string;
    exchange_rate: string;
    taxed: number;
    tax: number;
  }[];
  if (rows.length === 0) return [];
  const out = new Map<string, Line>();
  for (const r of rows) {
    const share = (x: number) => Number(roundDiv(BigInt(x) * BigInt(r.part), BigInt(r.total)));
    add(
      out,
      RECLAIMABLE_TAX,
      '',
      toBase(share(r.taxed), r.currency, r.exchange_rate, base),
      toBase(share(r.tax), r.currency, r.exchange_rate, base),
    );
  }
  return [...out.values()];
}

export async function taxSummary(
  ctx: ServiceContext,
  input: ParsedInput<'reports.taxSummary'>,
): Promise<TaxReport> {
  const basis = input.basis ?? (await getReportSettings(ctx)).taxBasis;
  const collectedLines = await collected(ctx, input.from, input.to, basis);
  const paidLines = await paid(ctx, input.from, input.to, basis);
  const totalCollected = collectedLines.reduce((s, l) => s + l.amount, 0);
  const totalPaid = paidLines.reduce((s, l) => s + l.amount, 0);
  return {
    basis,
    currency: (await getPreferences(ctx)).baseCurrency,
    collected: collectedLines,
    paid: paidLines,
    totalCollected,
    totalPaid,
    net: totalCollected - totalPaid,
  };
}

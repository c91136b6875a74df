import type { AgingItem, AgingReport, AgingRow } from '../../../shared/api/reports';
import { agingBucket, type AgingBucket } from '../../../shared/domain/aging';
import { addDays, daysBetween } from '../../../shared/domain/dates';
import { toBase } from '../../../shared/domain/fx';

/**
 * The bucketing shared by receivables and payables aging: each side finds what every invoice
 * or bill still owed on the date (its own SQL, on its own maintained balances and indexes),
 * and this turns those amounts into rows by party and bucket, or into the items behind a cell.
 */

/** One invoice or bill and what it still owed on the "as of" date, in its own currency. */
export interface Outstanding {
  id: number;
  number: string | null;
  party_id: number;
  party_name: string;
  issue_date: string;
  due_date: string | null;
  currency: string;
  exchange_rate: string;
  outstanding: number;
}

function emptyFigures() {
  return { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, d90plus: 0, total: 0 };
}

function toItem(o: Outstanding, asOf: string, base: string): AgingItem {
  const daysOverdue = o.due_date ? daysBetween(o.due_date, asOf) : 0;
  return {
    id: o.id,
    number: o.number,
    partyId: o.party_id,
    partyName: o.party_name,
    issueDate: o.issue_date,
    dueDate: o.due_date,
    daysOverdue,
    bucket: agingBucket(daysOverdue),
    currency: o.currency,
    outstanding: o.outstanding,
    outstandingBase: toBase(o.outstanding, o.currency, o.exchange_rate, base),
  };
}

/** Rows by party (largest total first) and totals, in the base currency at each item's rate. */
export function agingReport(outstanding: readonly Outstanding[], asOf: string, base: string): AgingReport {
  const byParty = new Map<number, AgingRow>();
  const totals = emptyFigures();
  for (const o of outstanding) {
    const item = toItem(o, asOf, base);
    const row = byParty.get(o.party_id) ?? { id: o.party_id, name: o.party_name, ...emptyFigures() };
    row[item.bucket] += item.outstandingBase;
    row.total += item.outstandingBase;
    totals[item.bucket] += item.outstandingBase;
    totals.total += item.outstandingBase;
    byParty.set(o.party_id, row);
  }
  const rows = [...byParty.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  return { asOf, currency: base, rows, totals };
}

/** One party's open amounts in the base currency, summed by bucket in SQL (see agingSumsSql). */
export interface PartySums {
  party_id: number;
  party_name: string;
  current: number;
  d1_30: number;
  d31_60: number;
  d61_90: number;
  d90plus: number;
}

/**
 * The SUM(CASE …) columns that bucket `amount` by `due` (a YYYY-MM-DD column, or NULL: not
 * yet due) relative to the as-of date, with the same boundaries as agingBucket: the dates
 * are computed here, so the database compares text dates along an index. Parameters
 * :d0 (as of), :d30, :d60 and :d90 come from agingSumsParams.
 */
export function agingSumsSql(due: string, amount: string): string {
  return `sum(CASE WHEN ${due} IS NULL OR ${due} >= :d0 THEN ${amount} ELSE 0 END) AS current,
          sum(CASE WHEN ${due} < :d0 AND ${due} >= :d30 THEN ${amount} ELSE 0 END) AS d1_30,
          sum(CASE WHEN ${due} < :d30 AND ${due} >= :d60 THEN ${amount} ELSE 0 END) AS d31_60,
          sum(CASE WHEN ${due} < :d60 AND ${due} >= :d90 THEN ${amount} ELSE 0 END) AS d61_90,
          sum(CASE WHEN ${due} < :d90 THEN ${amount} ELSE 0 END) AS d90plus`;
}

/** Days overdue = days from the due date to asOf: 1–30 overdue is due in [asOf − 30, asOf − 1]. */
export function agingSumsParams(asOf: string) {
  return { d0: asOf, d30: addDays(asOf, -30), d60: addDays(asOf, -60), d90: addDays(asOf, -90) };
}

/** The same report as agingReport, from sums made in SQL (the amounts already in base). */
export function agingReportFromSums(sums: readonly PartySums[], asOf: string, base: string): AgingReport {
  const totals = emptyFigures();
  const rows: AgingRow[] = sums.map((s) => {
    const row = {
      id: s.party_id,
      name: s.party_name,
      current: s.current,
      d1_30: s.d1_30,
      d31_60: s.d31_60,
      d61_90: s.d61_90,
      d90plus: s.d90plus,
      total: s.current + s.d1_30 + s.d31_60 + s.d61_90 + s.d90plus,
    };
    for (const k of ['current', 'd1_30', 'd31_60', 'd61_90', 'd90plus', 'total'] as const)
      totals[k] += row[k];
    return row;
  });
  rows.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  return { asOf, currency: base, rows, totals };
}

/** The items behind an aging cell: a party, a bucket, or both; the latest first. */
export function agingItems(
  outstanding: readonly Outstanding[],
  cell: { asOf: string; partyId: number | null; bucket: AgingBucket | null },
  base: string,
): AgingItem[] {
  return outstanding
    .filter((o) => cell.partyId === null || o.party_id === cell.partyId)
    .map((o) => toItem(o, cell.asOf, base))
    .filter((i) => cell.bucket === null || i.bucket === cell.bucket)
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.id - b.id);
}

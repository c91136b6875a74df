import type { AgingItem, AgingReport, AgingRow } from '../../../shared/api/reports';
import { agingBucket, type AgingBucket } from '../../../shared/domain/aging';
import { daysBetween } from '../../../shared/domain/dates';
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

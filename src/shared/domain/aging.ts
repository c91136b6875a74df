/**
 * Aging buckets by days past the due date on the "as of" date: not yet due, 1–30, 31–60,
 * 61–90 and more than 90 days overdue. Shared by receivables and payables aging.
 */
export const AGING_BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90plus'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export const AGING_LABELS: Record<AgingBucket, string> = {
  current: 'Current',
  d1_30: '1–30 days',
  d31_60: '31–60 days',
  d61_90: '61–90 days',
  d90plus: '90+ days',
};

export function agingBucket(daysOverdue: number): AgingBucket {
  if (daysOverdue <= 0) return 'current';
  if (daysOverdue <= 30) return 'd1_30';
  if (daysOverdue <= 60) return 'd31_60';
  if (daysOverdue <= 90) return 'd61_90';
  return 'd90plus';
}

/** The SQL CASE that puts `days` (an expression) into the same buckets, for grouping in the database. */
export const AGING_BUCKET_SQL = (days: string) =>
  `CASE WHEN ${days} <= 0 THEN 'current' WHEN ${days} <= 30 THEN 'd1_30' WHEN ${days} <= 60 THEN 'd31_60' ` +
  `WHEN ${days} <= 90 THEN 'd61_90' ELSE 'd90plus' END`;

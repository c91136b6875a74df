import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import { AGING_BUCKETS, AGING_LABELS } from '../../../shared/domain/aging';
import { toCsv } from '../../../shared/domain/csv';
import { minorToDecimalString } from '../../../shared/domain/money';
import { fieldError } from '../../../shared/api/errors';
import type { ServiceContext } from '../context';
import { getPreferences } from '../settings';
import { cashflowForecast } from './cashflow';
import { listCollections } from './collections';
import { incomeExpenses } from './income';
import { receivablesAging } from './receivables-aging';
import { payablesAging } from './payables-aging';
import type { AgingReport } from '../../../shared/api/reports';
import { taxSummary } from './tax-summary';
import { listAudit } from '../audit';
import { auditChanges, auditLabel } from '../../../shared/domain/audit-view';

/** An aging report: a row per customer or vendor, a column per bucket, and the totals. */
function agingCsv(r: AgingReport, party: string, title: string, m: (minor: number) => string) {
  const header = [
    party,
    ...AGING_BUCKETS.map((b) => `${AGING_LABELS[b]} (${r.currency})`),
    `Total (${r.currency})`,
  ];
  const rows = r.rows.map((row) => [row.name, ...AGING_BUCKETS.map((b) => m(row[b])), m(row.total)]);
  rows.push(['Total', ...AGING_BUCKETS.map((b) => m(r.totals[b])), m(r.totals.total)]);
  return { fileName: `${title} ${r.asOf}.csv`, csv: toCsv(header, rows) };
}

/**
 * A report as CSV, built from the very service output the screen shows, with amounts as plain
 * decimals in the base currency (spreadsheets parse them; the currency is in the header).
 */
export function exportCsv(
  ctx: ServiceContext,
  input: ParsedInput<'reports.exportCsv'>,
): { fileName: string; csv: string } {
  const base = getPreferences(ctx).baseCurrency;
  const m = (minor: number) => minorToDecimalString(minor, base);
  const need = (field: 'asOf' | 'from' | 'to') => {
    const v = input[field];
    if (!v)
      throw fieldError(
        field,
        field === 'asOf'
          ? msg('errors.exportCsv.chooseDate')
          : field === 'from'
            ? msg('errors.exportCsv.chooseStart')
            : msg('errors.exportCsv.chooseEnd'),
      );
    return v;
  };
  switch (input.report) {
    case 'receivablesAging':
      return agingCsv(receivablesAging(ctx, { asOf: need('asOf') }), 'Customer', 'Receivables aging', m);
    case 'payablesAging':
      return agingCsv(payablesAging(ctx, { asOf: need('asOf') }), 'Vendor', 'Payables aging', m);
    case 'cashflow': {
      const r = cashflowForecast(ctx);
      const header = [
        'Week from',
        'Week to',
        'Receipts',
        'Recurring invoices',
        'Bills',
        'Recurring bills',
        'Net',
        'Balance',
      ].map((h, i) => (i < 2 ? h : `${h} (${base})`));
      const rows = r.weeks.map((w) => [
        w.start,
        w.end,
        m(w.receipts),
        m(w.recurringReceipts),
        m(w.bills),
        m(w.recurringBills),
        m(w.net),
        m(w.balance),
      ]);
      return { fileName: `Cash-flow forecast from ${r.weeks[0]!.start}.csv`, csv: toCsv(header, rows) };
    }
    case 'incomeExpenses': {
      const r = incomeExpenses(ctx, { from: need('from'), to: need('to') });
      const header = ['Month', 'Invoiced', 'Received', 'Billed', 'Paid'].map((h, i) =>
        i === 0 ? h : `${h} (${base})`,
      );
      return {
        fileName: `Income and expenses ${input.from} to ${input.to}.csv`,
        csv: toCsv(
          header,
          r.months.map((x) => [x.month, m(x.invoiced), m(x.received), m(x.billed), m(x.paid)]),
        ),
      };
    }
    case 'taxSummary': {
      const r = taxSummary(ctx, { from: need('from'), to: need('to'), basis: null });
      const header = ['Direction', 'Tax', 'Rate (%)', `Base (${base})`, `Tax (${base})`];
      const rows = [
        ...r.collected.map((l) => ['Collected', l.name, l.percent, m(l.base), m(l.amount)]),
        ...r.paid.map((l) => ['Paid', l.name, l.percent, m(l.base), m(l.amount)]),
        ['Net owed', '', '', '', m(r.net)],
      ];
      return {
        fileName: `Tax summary ${input.from} to ${input.to} (${r.basis}).csv`,
        csv: toCsv(header, rows),
      };
    }
    case 'auditLog': {
      // Every entry the screen's filters select, one row per changed field, in the same words.
      const locale = getPreferences(ctx).locale;
      const text = {
        locale,
        baseCurrency: base,
        money: (minor: number, currency: string) => `${minorToDecimalString(minor, currency)} ${currency}`,
        date: (iso: string) => iso,
      };
      const rows: (string | number)[][] = [];
      let beforeId: number | undefined;
      for (;;) {
        const page = listAudit(ctx, {
          entity: input.entity,
          text: input.text,
          from: input.from,
          to: input.to,
          beforeId,
          limit: 500,
        });
        for (const e of page.entries) {
          const changes = auditChanges(e.changes, { ...text, refs: e.refs });
          const head = [e.at, e.user, e.record, auditLabel(e.action)];
          if (changes.length === 0) rows.push([...head, '', '', '']);
          for (const c of changes) rows.push([...head, c.field, c.from, c.to]);
        }
        if (page.nextBeforeId === null) break;
        beforeId = page.nextBeforeId;
      }
      const period = input.from || input.to ? ` ${input.from ?? '…'} to ${input.to ?? '…'}` : '';
      return {
        fileName: `Audit log${period}.csv`,
        csv: toCsv(['When (UTC)', 'Who', 'Record', 'Action', 'Field', 'From', 'To'], rows),
      };
    }
    case 'collections': {
      const rows = listCollections(ctx).map((c) => [
        c.name,
        m(c.overdue),
        c.invoices,
        c.daysOverdue,
        c.promise?.date ?? '',
        c.flagged ? 'yes' : '',
      ]);
      return {
        fileName: `Collections ${ctx.clock.today()}.csv`,
        csv: toCsv(
          ['Customer', `Overdue (${base})`, 'Invoices', 'Days overdue', 'Promised by', 'Flagged'],
          rows,
        ),
      };
    }
  }
}

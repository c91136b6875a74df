import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import { AGING_BUCKETS, type AgingBucket } from '../../../shared/domain/aging';
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
function agingCsv(r: AgingReport, party: string, fileName: string, m: (minor: number) => string) {
  const currency = r.currency;
  const header = [
    party,
    ...AGING_BUCKETS.map((b) => msg('csv.inCurrency', { label: agingLabel(b), currency })),
    msg('csv.inCurrency', { label: msg('csv.total'), currency }),
  ];
  const rows = r.rows.map((row) => [row.name, ...AGING_BUCKETS.map((b) => m(row[b])), m(row.total)]);
  rows.push([msg('csv.total'), ...AGING_BUCKETS.map((b) => m(r.totals[b])), m(r.totals.total)]);
  return { fileName, csv: toCsv(header, rows) };
}

/** An aging bucket's column name, in the caller's language. */
function agingLabel(bucket: AgingBucket): string {
  switch (bucket) {
    case 'current':
      return msg('csv.aging.current');
    case 'd1_30':
      return msg('csv.aging.days', { from: 1, to: 30 });
    case 'd31_60':
      return msg('csv.aging.days', { from: 31, to: 60 });
    case 'd61_90':
      return msg('csv.aging.days', { from: 61, to: 90 });
    case 'd90plus':
      return msg('csv.aging.over', { days: 90 });
  }
}

/**
 * A report as CSV, built from the very service output the screen shows, with amounts as plain
 * decimals in the base currency (spreadsheets parse them; the currency is in the header).
 */
export async function exportCsv(
  ctx: ServiceContext,
  input: ParsedInput<'reports.exportCsv'>,
): Promise<{ fileName: string; csv: string }> {
  const base = (await getPreferences(ctx)).baseCurrency;
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
    case 'receivablesAging': {
      const asOf = need('asOf');
      return agingCsv(
        await receivablesAging(ctx, { asOf }),
        msg('csv.customer'),
        msg('csv.file.receivablesAging', { date: asOf }),
        m,
      );
    }
    case 'payablesAging': {
      const asOf = need('asOf');
      return agingCsv(
        await payablesAging(ctx, { asOf }),
        msg('csv.vendor'),
        msg('csv.file.payablesAging', { date: asOf }),
        m,
      );
    }
    case 'cashflow': {
      const r = await cashflowForecast(ctx);
      const header = [
        msg('csv.cashflow.weekFrom'),
        msg('csv.cashflow.weekTo'),
        msg('csv.cashflow.receipts'),
        msg('csv.cashflow.recurringInvoices'),
        msg('csv.cashflow.bills'),
        msg('csv.cashflow.recurringBills'),
        msg('csv.cashflow.net'),
        msg('csv.cashflow.balance'),
      ].map((h, i) => (i < 2 ? h : msg('csv.inCurrency', { label: h, currency: base })));
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
      return { fileName: msg('csv.file.cashflow', { date: r.weeks[0]!.start }), csv: toCsv(header, rows) };
    }
    case 'incomeExpenses': {
      const r = await incomeExpenses(ctx, { from: need('from'), to: need('to') });
      const header = [
        msg('csv.income.month'),
        msg('csv.income.invoiced'),
        msg('csv.income.received'),
        msg('csv.income.billed'),
        msg('csv.income.paid'),
      ].map((h, i) => (i === 0 ? h : msg('csv.inCurrency', { label: h, currency: base })));
      return {
        fileName: msg('csv.file.incomeExpenses', { from: input.from, to: input.to }),
        csv: toCsv(
          header,
          r.months.map((x) => [x.month, m(x.invoiced), m(x.received), m(x.billed), m(x.paid)]),
        ),
      };
    }
    case 'taxSummary': {
      const r = await taxSummary(ctx, { from: need('from'), to: need('to'), basis: null });
      const header = [
        msg('csv.tax.direction'),
        msg('csv.tax.tax'),
        msg('csv.tax.rate'),
        msg('csv.inCurrency', { label: msg('csv.tax.base'), currency: base }),
        msg('csv.inCurrency', { label: msg('csv.tax.tax'), currency: base }),
      ];
      const collected = msg('csv.tax.collected');
      const paid = msg('csv.tax.paid');
      const rows = [
        ...r.collected.map((l) => [collected, l.name, l.percent, m(l.base), m(l.amount)]),
        ...r.paid.map((l) => [paid, l.name, l.percent, m(l.base), m(l.amount)]),
        [msg('csv.tax.netOwed'), '', '', '', m(r.net)],
      ];
      return {
        fileName: msg('csv.file.taxSummary', { from: input.from, to: input.to, basis: r.basis }),
        csv: toCsv(header, rows),
      };
    }
    case 'auditLog': {
      // Every entry the screen's filters select, one row per changed field, in the same words.
      const locale = (await getPreferences(ctx)).locale;
      const text = {
        locale,
        baseCurrency: base,
        money: (minor: number, currency: string) => `${minorToDecimalString(minor, currency)} ${currency}`,
        date: (iso: string) => iso,
      };
      const rows: (string | number)[][] = [];
      let beforeId: number | undefined;
      for (;;) {
        const page = await listAudit(ctx, {
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
      return {
        fileName:
          input.from || input.to
            ? msg('csv.file.auditLogPeriod', { from: input.from ?? '…', to: input.to ?? '…' })
            : msg('csv.file.auditLog'),
        csv: toCsv(
          [
            msg('csv.audit.when'),
            msg('csv.audit.who'),
            msg('csv.audit.record'),
            msg('csv.audit.action'),
            msg('csv.audit.field'),
            msg('csv.audit.from'),
            msg('csv.audit.to'),
          ],
          rows,
        ),
      };
    }
    case 'collections': {
      const rows = (await listCollections(ctx)).map((c) => [
        c.name,
        m(c.overdue),
        c.invoices,
        c.daysOverdue,
        c.promise?.date ?? '',
        c.flagged ? msg('csv.yes') : '',
      ]);
      return {
        fileName: msg('csv.file.collections', { date: ctx.clock.today() }),
        csv: toCsv(
          [
            msg('csv.customer'),
            msg('csv.inCurrency', { label: msg('csv.collections.overdue'), currency: base }),
            msg('csv.collections.invoices'),
            msg('csv.collections.daysOverdue'),
            msg('csv.collections.promisedBy'),
            msg('csv.collections.flagged'),
          ],
          rows,
        ),
      };
    }
  }
}

import type { Logger } from './log';
import type { ServiceContext } from './services/context';
import { recurringInvoicesJob } from './services/receivables/recurring';
import { catchUpRecurringBills } from './services/payables/recurring';
import { outboxJob } from './services/mail/outbox';
import { invoiceRemindersJob } from './services/mail/reminders';

/**
 * Work that runs when Folio opens its data (before the first request is served, so a
 * restart shows caught-up data at once) and again on a timer while it runs: recurring
 * documents, reminders. Each job must be idempotent: running it twice, or after a crash
 * half-way, must not do anything twice.
 */
export interface Job {
  name: string;
  everyMs: number;
  run(ctx: ServiceContext): void | Promise<void>;
  /** Waits for work the job started in the background (a delivery in flight) before closing. */
  stop?(ctx: ServiceContext): Promise<void>;
}

export const JOBS: readonly Job[] = [
  recurringInvoicesJob,
  // Rent, subscriptions: every bill due up to today, exactly once (see services/payables/recurring.ts).
  { name: 'recurring-bills', everyMs: 60 * 60 * 1000, run: (ctx) => void catchUpRecurringBills(ctx) },
  // Overdue invoices proposed for a payment reminder (never sent without approval).
  invoiceRemindersJob,
  // Delivers what waits in the outbox; does not hold up opening the data folder.
  outboxJob,
];

export async function runJob(job: Job, ctx: ServiceContext, log: Logger): Promise<void> {
  if (!ctx.host.isOpen) return;
  try {
    await job.run(ctx);
  } catch (error) {
    log.error('background job failed', { job: job.name, error });
  }
}

import type { Logger } from './log';
import type { ServiceContext } from './services/context';
import { recurringInvoicesJob } from './services/receivables/recurring';
import { catchUpRecurringBills } from './services/payables/recurring';
import type { Job } from './services/job';

export type { Job } from './services/job';

/** The outbox and reminder modules load a moment after opening, not before the first answer. */
let outboxModule: Promise<typeof import('./services/mail/outbox')> | null = null;
const loadOutbox = () => (outboxModule ??= import('./services/mail/outbox'));

/** Delivers what waits in the outbox (see services/mail/outbox.ts); never waits for the network. */
export const outboxJob: Job = {
  name: 'outbox',
  everyMs: 30_000,
  deferAtOpen: true,
  async run(ctx) {
    await (await loadOutbox()).outboxJob.run(ctx);
  },
  async stop(ctx) {
    if (outboxModule) await (await outboxModule).outboxJob.stop(ctx);
  },
};

/** Proposes payment reminders for overdue invoices (see services/mail/reminders.ts). */
export const invoiceRemindersJob: Job = {
  name: 'invoice-reminders',
  everyMs: 3_600_000,
  deferAtOpen: true,
  run: async (ctx) => {
    await (await import('./services/mail/reminders')).proposeReminders(ctx);
  },
};

/** Moves the write-ahead log into the data file between requests, not in the middle of a save. */
export const checkpointJob: Job = {
  name: 'checkpoint',
  everyMs: 30_000,
  deferAtOpen: true,
  run: (ctx) => {
    if (ctx.host.engine === 'sqlite') ctx.host.store.sqlite.pragma('wal_checkpoint(PASSIVE)');
  },
};

export const JOBS: readonly Job[] = [
  recurringInvoicesJob,
  // Rent, subscriptions: every bill due up to today, exactly once (see services/payables/recurring.ts).
  {
    name: 'recurring-bills',
    everyMs: 60 * 60 * 1000,
    run: async (ctx) => {
      await catchUpRecurringBills(ctx);
    },
  },
  // Overdue invoices proposed for a payment reminder (never sent without approval).
  invoiceRemindersJob,
  // Delivers what waits in the outbox; does not hold up opening the data folder.
  outboxJob,
  checkpointJob,
];

export async function runJob(job: Job, ctx: ServiceContext, log: Logger): Promise<void> {
  if (!ctx.host.isOpen) return;
  // The local books are being moved to a server (or were): they take no change until restart.
  if (ctx.host.engine === 'sqlite' && ctx.host.store.refusingWrites) return;
  try {
    // In shared books every machine runs the jobs; a server-wide lock lets one at a time do it.
    if (ctx.host.engine === 'postgres')
      await ctx.host.exclusive(`job:${job.name}`, async () => await job.run(ctx));
    else await job.run(ctx);
  } catch (error) {
    log.error('background job failed', { job: job.name, error });
  }
}

import type { ServiceContext } from './context';

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
  /**
   * First run a second after opening instead of before the first answer: for work that can
   * wait and would otherwise load its modules during the cold start (mail, reminders).
   */
  deferAtOpen?: boolean;
}

import type { Worker } from 'node:worker_threads';

/**
 * The e-invoice rule threads that are running (started by validate-pool.ts, kept between
 * imports), in a module of their own so that closing Folio can end them without loading the
 * rules' code.
 */
export const runningRuleThreads = new Set<Worker>();

/** Ends the rule threads (when Folio closes); an import still running goes on on its own thread. */
export async function stopRuleThreads(): Promise<void> {
  const ending = [...runningRuleThreads];
  runningRuleThreads.clear();
  await Promise.all(ending.map((w) => w.terminate()));
}

/**
 * A thread that runs the e-invoice rules (SaxonJS) for a batch import: each thread loads the
 * compiled stylesheets once and answers a chunk of files of one syntax per message (EN 16931 in
 * one transformation for the chunk), so a 1,000-file import keeps every core busy while the
 * main thread parses, maps and saves.
 */
import { parentPort } from 'node:worker_threads';
import type { EInvoiceSyntax } from '../../../shared/domain/einvoice-in/model';
import { checkRulesBatch, warmUpRules, type RuleResult } from './validate';

/** A chunk of files to check, or (`warm`) the warm-up: load the rules and run them on samples. */
export type ValidateRequest =
  | { id: number; syntax: EInvoiceSyntax; items: { xml: string; xrechnung?: boolean }[] }
  | { id: number; warm: true };

export interface ValidateResponse {
  id: number;
  results: RuleResult[];
}

const port = parentPort;
if (port) {
  port.on('message', (request: ValidateRequest) => {
    if ('warm' in request) {
      try {
        warmUpRules();
      } catch {
        // A warm-up that fails leaves the thread as cold as it was; its imports still run.
      }
      port.postMessage({ id: request.id, results: [] } satisfies ValidateResponse);
      return;
    }
    port.postMessage({
      id: request.id,
      results: checkRulesBatch(request.items, request.syntax),
    } satisfies ValidateResponse);
  });
}

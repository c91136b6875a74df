/**
 * A thread that runs the e-invoice rules (SaxonJS) for a batch import: each thread loads the
 * compiled stylesheets once and answers a chunk of files of one syntax per message (EN 16931 in
 * one transformation for the chunk), so a 1,000-file import keeps every core busy while the
 * main thread parses, maps and saves.
 */
import { parentPort } from 'node:worker_threads';
import type { EInvoiceSyntax } from '../../../shared/domain/einvoice-in/model';
import { checkRulesBatch, type RuleResult } from './validate';

export interface ValidateRequest {
  id: number;
  syntax: EInvoiceSyntax;
  items: { xml: string; xrechnung?: boolean }[];
}

export interface ValidateResponse {
  id: number;
  results: RuleResult[];
}

const port = parentPort;
if (port) {
  port.on('message', (request: ValidateRequest) => {
    port.postMessage({
      id: request.id,
      results: checkRulesBatch(request.items, request.syntax),
    } satisfies ValidateResponse);
  });
}

/**
 * A thread that runs the EN 16931 rules (SaxonJS) for a batch import: each thread loads the
 * compiled stylesheets once and answers findings per file, so a 1,000-file import keeps every
 * core busy while the main thread parses, maps and saves.
 */
import { parentPort } from 'node:worker_threads';
import type { EInvoiceSyntax } from '../../../shared/domain/einvoice-in/model';
import type { RuleFinding } from '../../../shared/domain/einvoice-in/rules';
import { checkRules } from './validate';

export interface ValidateRequest {
  id: number;
  xml: string;
  syntax: EInvoiceSyntax;
  xrechnung?: boolean;
}

export type ValidateResponse =
  { id: number; ok: true; findings: RuleFinding[] } | { id: number; ok: false; error: string };

const port = parentPort;
if (port) {
  port.on('message', (request: ValidateRequest) => {
    try {
      port.postMessage({
        id: request.id,
        ok: true,
        findings: checkRules(request.xml, request.syntax, request.xrechnung === true),
      } satisfies ValidateResponse);
    } catch (e) {
      port.postMessage({
        id: request.id,
        ok: false,
        error: e instanceof Error ? e.message : String(e),
      } satisfies ValidateResponse);
    }
  });
}

import type { z } from 'zod';
import type { Method } from '../../shared/api/contract';
import type { ApiError, Result } from '../../shared/api/envelope';
import { RECOVERY_METHODS } from '../../shared/api/system';
import type { Logger } from '../log';
import type { ServiceContext } from '../services/context';
import { AppError } from '../../shared/api/errors';
import { plainIssueMessage, unknownFieldsMessage } from '../../shared/api/fields';
import { storageError } from '../db/storage-errors';
import type { Handlers } from './handlers';
import { isMethod, methodSpec } from './specs';
import { inLanguage } from '../i18n';
import { msg } from '../../shared/i18n';

export type Dispatch = (method: string, input: unknown, lang?: string) => Promise<Result<unknown>>;

/** Turns zod issues into one message per field, keyed by the dotted path. */
export function validationError(error: z.ZodError): ApiError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || 'input';
    fields[key] ??= issue.code === 'unrecognized_keys' ? unknownFieldsMessage(issue.keys) : issue.message;
  }
  const [field, message] = Object.entries(fields)[0] ?? ['input', msg('errors.invalidInput')];
  return { code: 'VALIDATION', message, field, fields };
}

/**
 * The single entry point of every API call, whichever transport carried it:
 * look up the method, validate the input, run the service, validate the output, and
 * return an envelope. Unexpected errors are logged with their stack and reach the UI only
 * as INTERNAL with a plain sentence.
 */
export function createDispatcher(handlers: Handlers, ctx: ServiceContext, log: Logger): Dispatch {
  return (method, rawInput, lang) => inLanguage(lang, () => answer(method, rawInput));
  async function answer(method: string, rawInput: unknown): Promise<Result<unknown>> {
    if (typeof method !== 'string' || !isMethod(method)) {
      return {
        ok: false,
        error: {
          code: 'UNKNOWN_METHOD',
          message:
            typeof method === 'string'
              ? msg('errors.unknownMethod', { method: method.slice(0, 100) })
              : msg('errors.methodNotText'),
        },
      };
    }
    if (!ctx.host.isOpen && !RECOVERY_METHODS.includes(method)) {
      return { ok: false, error: { code: 'DB_UNAVAILABLE', message: ctx.host.health().message } };
    }
    try {
      const spec = await methodSpec(method as Method);
      const parsed = spec.input.safeParse(rawInput, { error: plainIssueMessage });
      if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
      const handler = handlers[method as Method] as (c: ServiceContext, i: unknown) => unknown;
      const value = await handler(ctx, parsed.data);
      return { ok: true, value: spec.output.parse(value) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toApiError() };
      // A full disk or a read-only data folder: the transaction was rolled back; say so.
      const storage = storageError(error);
      if (storage) {
        log.error('storage failure', { method, error });
        return { ok: false, error: storage.toApiError() };
      }
      log.error('unexpected error', { method, error });
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: msg('errors.internal'),
        },
      };
    }
  }
}

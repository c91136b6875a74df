import type { ApiError, ErrorCode } from './envelope';

/**
 * A failure a user can act on. Services throw it; the dispatcher turns it into the error
 * envelope. Anything else thrown is a bug and becomes INTERNAL.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }

  toApiError(): ApiError {
    const error: ApiError = { code: this.code, message: this.message };
    if (this.field) error.field = this.field;
    const fields = this.fields ?? (this.field ? { [this.field]: this.message } : undefined);
    if (fields) error.fields = fields;
    return error;
  }
}

export const fieldError = (field: string, message: string) => new AppError('VALIDATION', message, field);
/** A record that is gone; `message` says which, in the caller's words (errors.notFound.*). */
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const conflict = (message: string, field?: string) => new AppError('CONFLICT', message, field);

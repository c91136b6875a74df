/**
 * The result envelope every API method returns, over IPC and HTTP alike. Errors are data,
 * not exceptions, so they survive structured clone and JSON with their code and fields.
 */
export const ERROR_CODES = [
  'VALIDATION', // input failed its schema or a business rule tied to a field
  'NOT_FOUND', // the record does not exist
  'CONFLICT', // the request clashes with the current state (a duplicate number, a locked document)
  'UNKNOWN_METHOD', // no such API method
  'UNAUTHORIZED', // transport: missing or wrong token
  'DB_UNAVAILABLE', // the database is corrupt or from a newer Folio; only recovery methods work
  'DISK_FULL', // the disk under the data folder is full; the change was rolled back
  'READ_ONLY', // the data file or folder cannot be written; the change was rolled back
  'INTERNAL', // a bug: logged in main, never shown with a stack
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** One sentence a user can act on. */
  message: string;
  /** Dotted path of the first field at fault, for example "profile.email" or "lines.2.quantity". */
  field?: string;
  /** Every field at fault with its message. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the preload exposes on window.folio in the desktop app. */
export interface FolioBridge {
  call(method: string, input: unknown): Promise<Result<unknown>>;
}

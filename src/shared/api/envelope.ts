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
  'BUSY', // transport: another large upload is being received; try again in a moment
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
  call(method: string, input: unknown, lang?: string): Promise<Result<unknown>>;
}

/** A call as both transports carry it: the method's name and its input (any JSON value). */
export interface CallEnvelope {
  method: string;
  input: unknown;
  /** The caller's language for the messages of the answer ("de"); absent: English. */
  lang?: string;
}

/** How deep a call's input may nest; no form of Folio's comes near it. */
export const MAX_INPUT_DEPTH = 64;

const envelopeError = (message: string, field = 'method'): { ok: false; error: ApiError } => ({
  ok: false,
  error: { code: 'VALIDATION', message, field, fields: { [field]: message } },
});

/**
 * True when `value` is plain JSON (null, boolean, finite number, string, array, plain object)
 * nested at most `maxDepth` deep. Walked without recursion, so no input can exhaust the stack.
 */
function isJsonValue(value: unknown, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    // undefined: an absent field (IPC keeps it where JSON would drop it).
    if (item === null || item === undefined || typeof item === 'string' || typeof item === 'boolean')
      continue;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return false;
      continue;
    }
    if (typeof item !== 'object' || depth >= maxDepth) return false;
    if (Array.isArray(item)) {
      for (const element of item) stack.push([element, depth + 1]);
      continue;
    }
    const proto = Object.getPrototypeOf(item) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    for (const key of Object.keys(item)) stack.push([(item as Record<string, unknown>)[key], depth + 1]);
  }
  return true;
}

/**
 * Checks the envelope of a call before the dispatcher sees it, the same way for the HTTP
 * bridge (a parsed JSON body) and IPC (the two arguments): the method is a name, the input is
 * JSON or absent. Anything else is a VALIDATION error in the user's words, never a crash.
 */
export function parseCallEnvelope(
  body: unknown,
): { ok: true; call: CallEnvelope } | { ok: false; error: ApiError } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return envelopeError('A call must be a JSON object: { "method": "...", "input": { ... } }.', 'input');
  }
  const record = body as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => key !== 'method' && key !== 'input' && key !== 'lang');
  if (unknown.length > 0) {
    return envelopeError(
      `Folio does not know the field “${unknown[0]}” in a call; send only method, input and lang.`,
      unknown[0],
    );
  }
  const method = record.method;
  if (typeof method !== 'string' || method.length === 0 || method.length > 100) {
    return envelopeError('A call needs the name of an API method, as text, like "settings.get".');
  }
  const input = record.input;
  if (input !== undefined && !isJsonValue(input, MAX_INPUT_DEPTH)) {
    return envelopeError(
      `The input of a call must be plain JSON (text, numbers, true/false, null, lists and objects), nested at most ${MAX_INPUT_DEPTH} deep.`,
      'input',
    );
  }
  const lang = record.lang;
  if (lang !== undefined && (typeof lang !== 'string' || !/^[a-z]{2,3}$/.test(lang))) {
    return envelopeError('The language of a call is a two-letter code, like "en" or "de".', 'lang');
  }
  return { ok: true, call: lang === undefined ? { method, input } : { method, input, lang } };
}

import type { Input, Method, Output } from '../../../shared/api/contract';
import type { ApiError as ApiErrorData, ErrorCode, Result } from '../../../shared/api/envelope';
import { i18n } from '../lib/i18n';

/** An API failure with its stable code and the fields at fault, thrown by `call`. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly fields: Record<string, string>;
  constructor(data: ApiErrorData) {
    super(data.message);
    this.code = data.code;
    this.field = data.field;
    this.fields = data.fields ?? {};
  }
}

const TOKEN_KEY = 'folio.token';

/**
 * Browser mode hands the token over in the URL it prints (?token=...). Keep it for this tab
 * and take it out of the address bar so it is not bookmarked or shared by accident.
 */
function bridgeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

let token: string | null = null;

/**
 * Whether Folio's main process answers: 'unreachable' when the browser-mode server is stopped
 * (or the desktop app's main process is gone), 'restarted' when it answers with 401 because it
 * was started again with a new token. The ConnectionGuard shows it and retries quietly.
 */
export type Connection = 'ok' | 'unreachable' | 'restarted';
let connection: Connection = 'ok';
const connectionListeners = new Set<() => void>();

export const connectionState = (): Connection => connection;
export function subscribeConnection(listener: () => void): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}
function setConnection(next: Connection): void {
  if (next === connection) return;
  connection = next;
  for (const listener of connectionListeners) listener();
}

/**
 * Shared books: a call was answered DB_UNAVAILABLE (the server with the books cannot be
 * reached). The app shell's banner listens, says so at once and probes until it answers.
 */
const serverAwayListeners = new Set<() => void>();
export function subscribeServerAway(listener: () => void): () => void {
  serverAwayListeners.add(listener);
  return () => serverAwayListeners.delete(listener);
}

/** Said when Folio's main process does not answer, in the screen's language at the time. */
export const notRunningMessage = (): string => i18n.t('app.connection.notRunningMessage');

class Unreachable extends Error {}
let answeredOnce = false;

async function callBridge(method: string, input: unknown): Promise<Result<unknown>> {
  token ??= bridgeToken();
  let response: Response;
  try {
    response = await fetch('/api/call', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ method, input, lang: i18n.language }),
    });
  } catch {
    throw new Unreachable();
  }
  let result: Result<unknown>;
  try {
    result = (await response.json()) as Result<unknown>;
  } catch {
    // Not our JSON: something else answers on this port, or the server died mid-answer.
    throw new Unreachable();
  }
  // A 401 after earlier answers: the server was restarted with a new token.
  if (response.status === 401 && answeredOnce) setConnection('restarted');
  if (response.status !== 401) answeredOnce = true;
  return result;
}

/**
 * The renderer's only way to the services: IPC in the desktop app, the loopback bridge in
 * browser mode. Both carry the same envelope; an error becomes an ApiError.
 */
export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  let result: Result<unknown>;
  try {
    result = window.folio
      ? await window.folio.call(method, input, i18n.language)
      : await callBridge(method, input);
  } catch (error) {
    if (error instanceof Unreachable || !window.folio) setConnection('unreachable');
    throw new ApiError({ code: 'INTERNAL', message: notRunningMessage() });
  }
  if (!(!result.ok && result.error.code === 'UNAUTHORIZED')) setConnection('ok');
  if (!result.ok && result.error.code === 'DB_UNAVAILABLE')
    for (const listener of serverAwayListeners) listener();
  if (!result.ok) throw new ApiError(result.error);
  return result.value as Output<M>;
}

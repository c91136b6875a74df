import type { Input, Method, Output } from '../../../shared/api/contract';
import type { ApiError as ApiErrorData, ErrorCode, Result } from '../../../shared/api/envelope';

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

async function callBridge(method: string, input: unknown): Promise<Result<unknown>> {
  token ??= bridgeToken();
  const response = await fetch('/api/call', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ method, input }),
  });
  return (await response.json()) as Result<unknown>;
}

/**
 * The renderer's only way to the services: IPC in the desktop app, the loopback bridge in
 * browser mode. Both carry the same envelope; an error becomes an ApiError.
 */
export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  let result: Result<unknown>;
  try {
    result = window.folio ? await window.folio.call(method, input) : await callBridge(method, input);
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: 'Folio is not responding. Is it still running?' });
  }
  if (!result.ok) throw new ApiError(result.error);
  return result.value as Output<M>;
}

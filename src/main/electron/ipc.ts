import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Dispatch } from '../api/dispatch';
import { parseCallEnvelope } from '../../shared/api/envelope';
import { APP_ORIGIN } from './protocol';

export const CALL_CHANNEL = 'folio:call';

/** Only the app's own top-level page may call the API; an iframe or a foreign page may not. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

export function registerIpc(dispatch: Dispatch): void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown, lang: unknown) => {
    if (!trustedSender(event)) {
      return {
        ok: false,
        error: { code: 'UNAUTHORIZED', message: 'Calls are accepted only from the Folio window.' },
      };
    }
    const envelope = parseCallEnvelope(lang === undefined ? { method, input } : { method, input, lang });
    if (!envelope.ok) return { ok: false, error: envelope.error };
    return dispatch(envelope.call.method, envelope.call.input, envelope.call.lang);
  });
}

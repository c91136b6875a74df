import { app, session, shell, type WebContents } from 'electron';
import { APP_ORIGIN } from './protocol';

/** Links the app may hand to the operating system; anything else is dropped. */
const EXTERNAL_SCHEMES = new Set(['https:', 'mailto:']);

export function openExternalSafely(url: string): void {
  try {
    if (EXTERNAL_SCHEMES.has(new URL(url).protocol)) void shell.openExternal(url);
  } catch {
    // not a URL: ignore
  }
}

/**
 * Hardening that applies to every web contents the app ever creates: no navigation away from
 * the app, no new windows (external links go to the browser when their scheme is allowed),
 * no <webview>, and every permission request refused.
 */
export function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (new URL(url).origin !== APP_ORIGIN) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (new URL(url).origin !== APP_ORIGIN) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url);
      return { action: 'deny' };
    });
  });
}

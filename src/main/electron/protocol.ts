import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { decodeRequestPath } from '../../shared/request-path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'folio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready: app:// behaves like a secure, standard origin. */
export function registerSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer from app://folio/, never from file:// (which would grant the page
 * access to every local file) and never outside the renderer folder.
 */
export function serveRenderer(rendererDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    const pathname = decodeRequestPath(url.pathname);
    if (pathname === null) return new Response('Bad request', { status: 400 });
    const file = path.resolve(root, '.' + (pathname === '/' ? '/index.html' : pathname));
    if (url.host !== APP_HOST || !file.startsWith(root + path.sep)) {
      return new Response('Not found', { status: 404 });
    }
    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(file).toString());
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../api/dispatch';
import type { Logger } from '../log';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

/**
 * Browser mode: the same dispatcher behind a loopback HTTP server, with the built renderer
 * served from the same origin. Only the desktop app's absence makes this necessary; the
 * Electron entry never imports it.
 *
 * Security: it binds 127.0.0.1 only; every API call needs the per-run token in an
 * Authorization header (a header, not a cookie, so other sites cannot ride on it); the Host
 * header must name the loopback address, which defeats DNS rebinding.
 */
export interface BridgeOptions {
  dispatch: Dispatch;
  rendererDir: string;
  port?: number;
  token?: string;
  log: Logger;
  /** Largest request body accepted; uploads (logos, scanned bills) are base64 in JSON. */
  maxBodyBytes?: number;
}

export interface Bridge {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new RangeError('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 80 * 1024 * 1024;
  const rendererRoot = path.resolve(options.rendererDir);
  let allowedHosts = new Set<string>();

  const serveStatic = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.resolve(rendererRoot, '.' + (urlPath === '/' ? '/index.html' : urlPath));
    if (!file.startsWith(rendererRoot + path.sep)) {
      res.writeHead(404, SECURITY_HEADERS).end('Not found');
      return;
    }
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) file = path.join(rendererRoot, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(500, SECURITY_HEADERS).end('The renderer is not built. Run npm run build first.');
      return;
    }
    const isIndex = file.endsWith('index.html');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': isIndex ? 'no-store' : 'max-age=31536000, immutable',
    });
    fs.createReadStream(file).pipe(res);
  };

  const handleCall = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!given || !sameToken(given, token)) {
      req.resume();
      sendJson(res, 401, {
        ok: false,
        error: {
          code: 'UNAUTHORIZED',
          message: 'Missing or wrong token. Open the URL printed by npm run web.',
        },
      });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, maxBody)).toString('utf8'));
    } catch (error) {
      const tooLarge = error instanceof RangeError;
      sendJson(res, tooLarge ? 413 : 400, {
        ok: false,
        error: {
          code: 'VALIDATION',
          message: tooLarge
            ? `The request is larger than ${Math.round(maxBody / 1048576)} MB. Choose a smaller file.`
            : 'The request body must be JSON: { "method": "...", "input": { ... } }.',
        },
      });
      return;
    }
    const { method, input } = (body ?? {}) as { method?: unknown; input?: unknown };
    const result = await options.dispatch(String(method ?? ''), input);
    sendJson(res, 200, result);
  };

  const server = http.createServer((req, res) => {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      req.resume();
      res.writeHead(421, SECURITY_HEADERS).end('This server answers only on its loopback address.');
      return;
    }
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/api/call') {
      if (req.method !== 'POST') {
        res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'POST' }).end();
        return;
      }
      handleCall(req, res).catch((error: unknown) => {
        options.log.error('bridge failure', { error });
        if (!res.headersSent)
          sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'The bridge failed.' } });
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS).end();
      return;
    }
    serveStatic(req, res);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

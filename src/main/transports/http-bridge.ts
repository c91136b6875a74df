import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../api/dispatch';
import type { Logger } from '../log';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { decodeRequestPath } from '../../shared/request-path';
import { parseCallEnvelope, type ErrorCode } from '../../shared/api/envelope';

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
  /** Bytes of large bodies held at once across requests (default: one largest body plus 16 MB). */
  maxBodiesInFlightBytes?: number;
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

const failure = (code: ErrorCode, message: string, field?: string) => ({
  ok: false,
  error: field ? { code, message, field, fields: { [field]: message } } : { code, message },
});

/** Bodies up to this size never count against the shared budget: ordinary calls always get through. */
const SMALL_BODY = 1024 * 1024;

/**
 * Bytes of large request bodies held in memory at once, across requests. A body is counted
 * from its first byte (or its Content-Length) until its answer is sent; a large body that
 * does not fit gets 503 instead of being read into memory.
 */
class BodyBudget {
  private inFlight = 0;
  constructor(readonly total: number) {}
  /** Grows a request's share from `held` to `size`; false when the budget cannot give it. */
  grow(held: number, size: number): boolean {
    if (size <= SMALL_BODY || size <= held) return true;
    // A small body was not counted; once it grows past SMALL_BODY it counts from its first byte.
    const counted = held > SMALL_BODY ? held : 0;
    if (this.inFlight + (size - counted) > this.total) return false;
    this.inFlight += size - counted;
    return true;
  }
  release(held: number): void {
    if (held > SMALL_BODY) this.inFlight -= held;
  }
}

type BodyOutcome =
  { kind: 'ok'; body: Buffer } | { kind: 'too-large' } | { kind: 'busy' } | { kind: 'aborted' };

/**
 * Reads a request body within `limit` bytes and the shared budget. A body that breaks either
 * is read to its end and thrown away (up to `drainLimit` bytes, then the connection is cut),
 * so the client has finished sending and can read the answer instead of a reset connection.
 */
function readBody(
  req: http.IncomingMessage,
  limit: number,
  budget: BodyBudget,
  drainLimit: number,
  onHold: (bytes: number) => void,
): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let held = 0;
    let refused: 'too-large' | 'busy' | null = null;
    const hold = (bytes: number): boolean => {
      if (!budget.grow(held, bytes)) return false;
      held = Math.max(held, bytes);
      onHold(held);
      return true;
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) refused = 'too-large';
    else if (Number.isFinite(declared) && declared > 0 && !hold(declared)) refused = 'busy';
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (refused) {
        if (size > drainLimit) {
          req.destroy();
          resolve({ kind: 'aborted' });
        }
        return;
      }
      if (size > limit) refused = 'too-large';
      else if (!hold(size)) refused = 'busy';
      if (refused) {
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(refused ? { kind: refused } : { kind: 'ok', body: Buffer.concat(chunks, size) }),
    );
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) resolve({ kind: 'aborted' });
    });
  });
}

export function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 80 * 1024 * 1024;
  const budget = new BodyBudget(options.maxBodiesInFlightBytes ?? maxBody + 16 * 1024 * 1024);
  const rendererRoot = path.resolve(options.rendererDir);
  let allowedHosts = new Set<string>();
  const logError = (message: string, data: Record<string, unknown>) => {
    try {
      options.log.error(message, data);
    } catch {
      // Logging must not take the server down with it.
    }
  };

  const serveStatic = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const urlPath = decodeRequestPath(req.url);
    if (urlPath === null) {
      res.writeHead(400, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('This address is not valid.');
      return;
    }
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
    const stream = fs.createReadStream(file);
    stream.once('error', (error) => {
      logError('static file failed', { file, error });
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS).end('This file could not be read.');
      else res.destroy();
    });
    stream.once('open', () => {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': isIndex ? 'no-store' : 'max-age=31536000, immutable',
      });
      stream.pipe(res);
    });
  };

  const handleCall = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    let held = 0;
    res.once('close', () => budget.release(held));
    const authorized = given !== '' && sameToken(given, token);
    // An unauthorized body is never kept: a budget of zero refuses all but small bodies, which are dropped.
    const read = await readBody(
      req,
      authorized ? maxBody : 0,
      budget,
      maxBody * 2,
      (bytes) => (held = bytes),
    );
    if (read.kind === 'aborted') return;
    if (!authorized) {
      sendJson(
        res,
        401,
        failure('UNAUTHORIZED', 'Missing or wrong token. Open the URL printed by npm run web.'),
      );
      return;
    }
    if (read.kind === 'too-large') {
      sendJson(
        res,
        413,
        failure(
          'VALIDATION',
          `The request is larger than ${Math.round(maxBody / 1048576)} MB. Choose a smaller file.`,
          'input',
        ),
      );
      return;
    }
    if (read.kind === 'busy') {
      sendJson(
        res,
        503,
        failure('BUSY', 'Folio is still receiving another large file. Try again when it has finished.'),
      );
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(read.body.toString('utf8'));
    } catch {
      sendJson(
        res,
        400,
        failure(
          'VALIDATION',
          'The request body must be JSON: { "method": "...", "input": { ... } }.',
          'input',
        ),
      );
      return;
    }
    const envelope = parseCallEnvelope(body);
    if (!envelope.ok) {
      sendJson(res, 400, { ok: false, error: envelope.error });
      return;
    }
    const result = await options.dispatch(envelope.call.method, envelope.call.input, envelope.call.lang);
    sendJson(res, 200, result);
  };

  /** Last resort: whatever a handler throws is logged and answered, never left to end the process. */
  const answerFailure = (res: http.ServerResponse, error: unknown) => {
    logError('bridge failure', { error });
    if (!res.headersSent)
      sendJson(res, 500, failure('INTERNAL', 'The bridge failed. The details are in the log file.'));
    else res.destroy();
  };

  const route = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      req.resume();
      res.writeHead(421, SECURITY_HEADERS).end('This server answers only on its loopback address.');
      return;
    }
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/api/call') {
      if (req.method !== 'POST') {
        req.resume();
        res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'POST' }).end();
        return;
      }
      handleCall(req, res).catch((error: unknown) => answerFailure(res, error));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      req.resume();
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' }).end();
      return;
    }
    serveStatic(req, res);
  };

  const server = http.createServer((req, res) => {
    try {
      route(req, res);
    } catch (error) {
      answerFailure(res, error);
    }
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // Malformed requests (bad headers, headers too large): answer 400/431 when the socket can still take it.
    if (socket.writable && !socket.destroyed) {
      const status =
        error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else socket.destroy();
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

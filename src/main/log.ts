import fs from 'node:fs';
import path from 'node:path';
import { PRIVATE_DIR, PRIVATE_FILE, tighten } from './db/private-files';

/**
 * A small JSON-lines log in the data folder's logs/ directory. Values under keys that look
 * like secrets are replaced before anything is written, so a password given to a service
 * can never reach a log file even when a bug logs the whole input.
 *
 * Logging never throws: it runs inside error paths (a full disk, a read-only folder), where a
 * second failure would turn a refused save into a crashed process. A line that cannot be
 * written goes to stderr instead, and the file is tried again a minute later.
 */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

const SECRET_KEY = /pass(word)?|secret|token|credential|authorization/i;
const RETRY_MS = 60_000;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code ? { code } : {}), stack: value.stack };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
}

function stringify(level: string, message: string, data?: Record<string, unknown>): string {
  try {
    return JSON.stringify({
      at: new Date().toISOString(),
      level,
      message,
      ...(redact(data ?? {}) as object),
    });
  } catch {
    // A cycle deeper than redact's limit, or a getter that throws: keep the message.
    return JSON.stringify({ at: new Date().toISOString(), level, message, data: '[unserialisable]' });
  }
}

function toStderr(line: string): void {
  try {
    process.stderr.write(line + '\n');
  } catch {
    // stderr closed: there is nowhere left to say it
  }
}

export function createLogger(dir: string | null, echo: (line: string) => void = () => {}): Logger {
  const file = dir ? path.join(dir, 'folio.log') : null;
  let failedAt = -Infinity;
  let prepared = false;
  const append = (line: string): void => {
    if (!file) return;
    if (Date.now() - failedAt < RETRY_MS) return toStderr(line);
    try {
      if (!prepared) {
        fs.mkdirSync(dir!, { recursive: true, mode: PRIVATE_DIR });
        tighten(dir!, PRIVATE_DIR);
      }
      fs.appendFileSync(file, line + '\n', { mode: PRIVATE_FILE });
      if (!prepared) tighten(file, PRIVATE_FILE);
      prepared = true;
    } catch (error) {
      failedAt = Date.now();
      prepared = false;
      toStderr(line);
      toStderr(
        stringify('error', 'the log file cannot be written', {
          file,
          code: (error as { code?: unknown }).code ?? null,
        }),
      );
    }
  };
  const write = (level: string, message: string, data?: Record<string, unknown>) => {
    const line = stringify(level, message, data);
    append(line);
    try {
      echo(line);
    } catch {
      // an echo that fails (a closed terminal) must not fail the caller either
    }
  };
  return {
    info: (m, d) => write('info', m, d),
    error: (m, d) => write('error', m, d),
  };
}

export const silentLogger: Logger = { info: () => {}, error: () => {} };

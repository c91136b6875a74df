import fs from 'node:fs';
import path from 'node:path';

/**
 * A small JSON-lines log in the data folder's logs/ directory. Values under keys that look
 * like secrets are replaced before anything is written, so a password given to a service
 * can never reach a log file even when a bug logs the whole input.
 */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

const SECRET_KEY = /pass(word)?|secret|token|credential|authorization/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
}

export function createLogger(dir: string | null, echo: (line: string) => void = () => {}): Logger {
  const file = dir ? path.join(dir, 'folio.log') : null;
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const write = (level: string, message: string, data?: Record<string, unknown>) => {
    const line = JSON.stringify({
      at: new Date().toISOString(),
      level,
      message,
      ...(redact(data ?? {}) as object),
    });
    if (file) fs.appendFileSync(file, line + '\n');
    echo(line);
  };
  return {
    info: (m, d) => write('info', m, d),
    error: (m, d) => write('error', m, d),
  };
}

export const silentLogger: Logger = { info: () => {}, error: () => {} };

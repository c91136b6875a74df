import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/**
 * A real SMTP server on 127.0.0.1 for the mail tests: it accepts (or refuses) a login and keeps
 * every message it receives, parsed. stop() simulates an outage; start() on the same port
 * brings the server back.
 */
export interface TestSmtp {
  port: number;
  received: ParsedMail[];
  /** Raw bytes of every message, as received. */
  raw: Buffer[];
  logins: { user: string; ok: boolean }[];
  /** How long the server takes to accept each message (a slow server): 0 by default. */
  delayMs: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSmtp(options: { user?: string; password?: string } = {}): Promise<TestSmtp> {
  const user = options.user ?? 'folio';
  const password = options.password ?? 'correct horse battery staple';
  const received: ParsedMail[] = [];
  const raw: Buffer[] = [];
  const logins: { user: string; ok: boolean }[] = [];
  let server: SMTPServer | null = null;
  let port = 0;

  const make = () =>
    new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      logger: false,
      onAuth(auth, _session, callback) {
        const ok = auth.username === user && auth.password === password;
        logins.push({ user: auth.username ?? '', ok });
        if (ok) callback(null, { user: auth.username });
        else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const bytes = Buffer.concat(chunks);
          if (smtp.delayMs > 0) {
            setTimeout(() => accept(bytes), smtp.delayMs);
            return;
          }
          accept(bytes);
        });
        const accept = (bytes: Buffer) => {
          raw.push(bytes);
          simpleParser(bytes).then(
            (mail) => {
              received.push(mail);
              callback();
            },
            (error: Error) => callback(error),
          );
        };
      },
    });

  const smtp: TestSmtp = {
    get port() {
      return port;
    },
    received,
    raw,
    logins,
    delayMs: 0,
    start: () =>
      new Promise((resolve, reject) => {
        server = make();
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          port = (server!.server.address() as AddressInfo).port;
          resolve();
        });
      }),
    stop: () =>
      new Promise((resolve) => {
        if (!server) return resolve();
        const s = server;
        server = null;
        s.close(() => resolve());
      }),
  };
  await smtp.start();
  return smtp;
}

/** Waits until `check` holds, polling; fails with `what` after `ms`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 120_000, // a deadline only for a condition that never comes: generous for a loaded machine
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

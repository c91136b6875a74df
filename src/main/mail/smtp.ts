/**
 * nodemailer behind a small interface: send one message through the SMTP account, build an
 * .eml draft, and turn a failure into a sentence and a decision (retry later or not). The
 * module is imported lazily: nodemailer is only loaded when mail is actually used.
 */
export type SmtpSecurity = 'tls' | 'starttls' | 'none';

export interface SmtpAccount {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string;
  password: string | null;
}

export interface OutgoingMessage {
  from: { name: string; address: string };
  replyTo: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  /** With the angle brackets: <id@host>. */
  messageId: string;
  date: Date;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

export type FailureKind = 'network' | 'auth' | 'rejected' | 'tls' | 'other';

export interface MailFailure {
  kind: FailureKind;
  /** One sentence a user can act on. */
  message: string;
  /** Worth trying again later by itself (the network, a busy server). */
  retry: boolean;
}

export interface SendResult {
  messageId: string;
  response: string;
  accepted: string[];
}

const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

function mailOptions(m: OutgoingMessage) {
  return {
    from: { name: m.from.name, address: m.from.address },
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
    to: m.to,
    cc: m.cc,
    bcc: m.bcc,
    subject: m.subject,
    text: m.text,
    messageId: m.messageId,
    date: m.date,
    attachments: m.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
    })),
  };
}

export async function sendMail(account: SmtpAccount, message: OutgoingMessage): Promise<SendResult> {
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: account.host,
    port: account.port,
    secure: account.security === 'tls',
    requireTLS: account.security === 'starttls',
    ignoreTLS: account.security === 'none',
    ...(account.user ? { auth: { user: account.user, pass: account.password ?? '' } } : {}),
    ...TIMEOUTS,
    // Never write the SMTP conversation (it contains the credentials) anywhere.
    logger: false,
    debug: false,
  });
  try {
    const info = await transport.sendMail(mailOptions(message));
    return {
      messageId: String(info.messageId ?? message.messageId),
      response: String(info.response ?? ''),
      accepted: (info.accepted ?? []).map(String),
    };
  } finally {
    transport.close();
  }
}

/** An .eml file a mail program opens as an unsent draft, attachments included. */
export async function buildEml(message: OutgoingMessage): Promise<Buffer> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const mail = new MailComposer({
    ...mailOptions(message),
    headers: { 'X-Unsent': '1' },
  });
  const node = mail.compile();
  // A draft keeps its Bcc line: the user's mail program sends it and then drops it.
  (node as unknown as { keepBcc: boolean }).keepBcc = true;
  return node.build();
}

interface NodemailerError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
  command?: string;
}

/** What went wrong, for the outbox and the Send dialog. Never includes credentials. */
export function describeFailure(error: unknown, account: Pick<SmtpAccount, 'host' | 'port'>): MailFailure {
  const e = (error ?? {}) as NodemailerError;
  const server = `${account.host}:${account.port}`;
  const code = e.code ?? '';
  const reply = e.response ? ` The server said: ${e.response.slice(0, 200)}` : '';
  if (code === 'EAUTH' || e.responseCode === 535 || e.responseCode === 534)
    return {
      kind: 'auth',
      retry: false,
      message: `The mail server rejected the user name or password. Check them in Settings → Mail.${reply}`,
    };
  if (code === 'ENOAUTH')
    return {
      kind: 'auth',
      retry: false,
      message: 'The mail server needs a user name and password. Add them in Settings → Mail.',
    };
  if (code === 'ETLS' || code === 'EREQUIRETLS' || /certificate|SSL|TLS/i.test(e.message ?? ''))
    return {
      kind: 'tls',
      retry: false,
      message: `A secure connection to ${server} could not be made. Check the security setting (TLS or STARTTLS) and the port in Settings → Mail.`,
    };
  if (code === 'EENVELOPE' || (e.responseCode !== undefined && e.responseCode >= 500))
    return {
      kind: 'rejected',
      retry: false,
      message: `The mail server refused the message.${reply || ' Check the addresses.'}`,
    };
  if (
    [
      'ECONNECTION',
      'ETIMEDOUT',
      'ESOCKET',
      'EDNS',
      'ECONNREFUSED',
      'ECONNRESET',
      'ENOTFOUND',
      'EAI_AGAIN',
    ].includes(code) ||
    (e.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500)
  )
    return {
      kind: 'network',
      retry: true,
      message: `Could not reach the mail server ${server} (are you offline?). Folio will try again by itself.`,
    };
  return {
    kind: 'other',
    retry: true,
    message: `Sending failed: ${(e.message ?? String(error)).slice(0, 300)}`,
  };
}

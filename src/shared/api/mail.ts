import { msg } from '../i18n';
import { z } from 'zod';
import { emptyInput } from './common';
import {
  id,
  labelInSentence,
  languageCode,
  labelText,
  multilineText,
  optionalEmail,
  plainString,
  requiredText,
  text,
} from './fields';
import { printRef } from './printing';
import { TEMPLATE_KINDS, unknownPlaceholders } from '../domain/templates';
import { REMINDER_LEVELS } from '../domain/reminders';

/**
 * Email: the SMTP account, templates, the outbox with its sender, drafts for the user's own
 * mail program, and payment reminders waiting for approval.
 */
export const SMTP_SECURITY = ['tls', 'starttls', 'none'] as const;
export const SMTP_SECURITY_LABELS: Record<(typeof SMTP_SECURITY)[number], string> = {
  tls: 'TLS (usually port 465)',
  starttls: 'STARTTLS (usually port 587)',
  none: 'None: only for a server on this computer or a trusted network',
};

const emailAddress = (label: string) =>
  optionalEmail(label).refine((v) => v !== '', {
    error: () => msg('validation.text.required', { label: labelInSentence(label) }),
  });

export const smtpAccountInput = z.strictObject({
  host: requiredText('fields.smtpServer', 253).refine(
    (v) => /^[A-Za-z0-9.-]+$|^\[?[0-9a-fA-F:.]+\]?$/.test(v),
    {
      error: () => msg('validation.mail.enterAServerNameLike'),
    },
  ),
  port: z
    .number({ error: () => msg('validation.mail.enterThePortSuchAs') })
    .int({ error: () => msg('validation.mail.thePortIsAWhole') })
    .min(1, { error: () => msg('validation.mail.thePortIsANumber') })
    .max(65535, { error: () => msg('validation.mail.thePortIsANumber') }),
  security: z.enum(SMTP_SECURITY, { error: () => msg('validation.mail.chooseHowTheConnectionIs') }),
  user: text('fields.userName', 254),
  /** Omitted: keep the stored password. Empty: remove it. */
  password: plainString('fields.password', { trim: false })
    .max(500, { error: () => msg('validation.mail.thePasswordIsTooLong') })
    .optional(),
  fromName: text('fields.senderName', 100),
  fromEmail: emailAddress('fields.senderEmail'),
  replyTo: optionalEmail('fields.replyTo'),
  bccSelf: z.boolean().default(false),
});

const accountOutput = z.object({
  configured: z.boolean(),
  host: z.string(),
  port: z.number(),
  security: z.enum(SMTP_SECURITY),
  user: z.string(),
  fromName: z.string(),
  fromEmail: z.string(),
  replyTo: z.string(),
  bccSelf: z.boolean(),
  /** Whether a password is there to sign in with (shared books: on this computer). */
  hasPassword: z.boolean(),
  /** The account signs in with a password (on shared books, each computer keeps its own). */
  usesPassword: z.boolean(),
  /**
   * Shared books: the account is the books', the password each computer's own (kept in its
   * data folder, never in the shared database); hasPassword tells whether this one has it.
   */
  passwordPerComputer: z.boolean(),
  /** This person may change the account (shared books: owners). */
  mayChangeAccount: z.boolean(),
  /** This person may keep the password on this computer (shared books: owners and bookkeepers). */
  maySetPasswordHere: z.boolean(),
  /** How the password is kept: by the OS keychain (desktop) or a key file (browser mode). */
  passwordStorage: z.enum(['os-keychain', 'key-file']),
  passwordStorageNote: z.string(),
});

const templateText = (label: string, max: number, multiline = false) =>
  (multiline ? multilineText(label, max) : text(label, max)).refine(
    (v) => unknownPlaceholders(v).length === 0,
    {
      error: (i) =>
        msg('validation.mail.notAPlaceholder', { names: unknownPlaceholders(i.input as string).join(', ') }),
    },
  );

/** Templates of one language; null: the business's document language. */
const templateLanguage = languageCode('fields.language').nullable().default(null);

export const templateInput = z.strictObject({
  kind: z.enum(TEMPLATE_KINDS),
  language: templateLanguage,
  subject: templateText('fields.subject', 300).min(1, { error: () => msg('validation.mail.enterASubject') }),
  body: templateText('fields.message', 10_000, true).min(1, {
    error: () => msg('validation.mail.enterTheMessage'),
  }),
});

const templateOutput = z.object({ subject: z.string(), body: z.string() });

export const reminderLevelsInput = z
  .strictObject({
    levels: z
      .array(
        z.strictObject({
          level: z.union(
            REMINDER_LEVELS.map((l) => z.literal(l)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>],
          ),
          name: requiredText('fields.name', 40),
          days: z
            .number({ error: () => msg('validation.mail.enterANumberOfDays') })
            .int({ error: () => msg('validation.mail.daysMustBeAWhole') })
            .min(1, { error: () => msg('validation.mail.atLeast1DayAfter') })
            .max(365, { error: () => msg('validation.mail.atMost365Days') }),
          enabled: z.boolean(),
        }),
      )
      .length(3),
  })
  .superRefine((v, ctx) => {
    for (let i = 1; i < v.levels.length; i++) {
      if (v.levels[i]!.days <= v.levels[i - 1]!.days)
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'days'],
          message: msg('validation.mail.moreDaysThanBefore', { days: v.levels[i - 1]!.days }),
        });
    }
  });

const levelsOutput = z.array(
  z.object({ level: z.number(), name: z.string(), days: z.number(), enabled: z.boolean() }),
);

const mailSettingsOutput = z.object({
  account: accountOutput,
  templates: z.record(z.enum(TEMPLATE_KINDS), templateOutput),
  reminderLevels: levelsOutput,
});
export type MailSettings = z.infer<typeof mailSettingsOutput>;

const addressList = (label: string) =>
  z
    .array(emailAddress(label))
    .max(20, { error: () => msg('validation.mail.tooManyAddresses', { label: labelText(label), max: 20 }) })
    .default([]);

export const messageInput = z.strictObject({
  ref: printRef,
  to: addressList('fields.to').refine((v) => v.length > 0, {
    error: () => msg('validation.mail.enterAtLeastOneRecipient'),
  }),
  cc: addressList('fields.cc'),
  bcc: addressList('fields.bcc'),
  subject: requiredText('fields.subject', 300),
  body: multilineText('fields.message', 20_000),
});

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;

export const outboxEntry = z.object({
  id: z.number(),
  kind: z.string(),
  documentId: z.number().nullable(),
  paymentId: z.number().nullable(),
  customerId: z.number().nullable(),
  /** What the message is about, for lists: "Invoice INV-2026-0042". */
  about: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  bcc: z.array(z.string()),
  subject: z.string(),
  attachments: z.array(z.object({ fileName: z.string(), bytes: z.number() })),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  messageId: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxEntry = z.infer<typeof outboxEntry>;

export const reminderProposal = z.object({
  id: z.number(),
  documentId: z.number(),
  number: z.string(),
  customerId: z.number(),
  customerName: z.string(),
  email: z.string(),
  dueDate: z.string(),
  daysOverdue: z.number(),
  balance: z.number(),
  currency: z.string(),
  level: z.number(),
  levelName: z.string(),
  status: z.enum(['proposed', 'queued', 'sent', 'failed', 'dismissed']),
  proposedAt: z.string(),
  outboxId: z.number().nullable(),
});
export type ReminderProposal = z.infer<typeof reminderProposal>;

export const mailApi = {
  'mail.getSettings': {
    input: z.strictObject({ language: templateLanguage }),
    output: mailSettingsOutput,
  },
  'mail.updateAccount': { input: smtpAccountInput, output: mailSettingsOutput },
  /**
   * Shared books: keeps the account's password on this computer only (its data folder, sealed
   * with its key), changing nothing in the database. Empty: forgets it here.
   */
  'mail.setPasswordHere': {
    input: z.strictObject({ password: smtpAccountInput.shape.password.unwrap() }),
    output: mailSettingsOutput,
  },
  'mail.updateTemplate': { input: templateInput, output: mailSettingsOutput },
  'mail.resetTemplate': {
    input: z.strictObject({ kind: z.enum(TEMPLATE_KINDS), language: templateLanguage }),
    output: mailSettingsOutput,
  },
  'mail.updateReminderLevels': { input: reminderLevelsInput, output: mailSettingsOutput },
  /** Sends a short message through the saved account at once (not through the outbox). */
  'mail.sendTest': {
    input: z.strictObject({ to: emailAddress('fields.testRecipient') }),
    output: z.object({ messageId: z.string(), response: z.string() }),
  },
  /** The message the Send dialog starts from: recipients and text from the template. */
  'mail.compose': {
    input: z.strictObject({ ref: printRef }),
    output: z.object({
      to: z.array(z.string()),
      cc: z.array(z.string()),
      bcc: z.array(z.string()),
      subject: z.string(),
      body: z.string(),
      attachmentName: z.string(),
      /** Reasons this record cannot be sent yet (a draft without a number, a void document). */
      blockers: z.array(z.string()),
      /** Whether an SMTP account is set up; without one, only "Open in my mail app" works. */
      accountReady: z.boolean(),
    }),
  },
  /**
   * Puts the message with its PDF in the outbox and tries to deliver it at once. Offline, or
   * if the server does not answer, it stays queued and the sender retries with backoff.
   */
  'mail.send': { input: messageInput, output: outboxEntry },
  /**
   * "Open in my mail app": an .eml draft with the PDF attached (X-Unsent: 1). Desktop: opened
   * by the system's mail program. Browser mode: returned for download (opened: false).
   */
  'mail.draft': {
    input: messageInput.extend({ to: addressList('fields.to') }),
    output: z.object({ opened: z.boolean(), fileName: z.string(), dataBase64: z.string() }),
  },
  /** Messages about one document, payment or customer: sent, waiting and failed. */
  'mail.history': {
    input: z
      .strictObject({
        documentId: id('fields.document').optional(),
        paymentId: id('fields.payment').optional(),
        customerId: id('fields.customer').optional(),
      })
      .refine((v) => v.documentId || v.paymentId || v.customerId, {
        error: () => msg('validation.mail.sayWhichRecord'),
      }),
    output: z.object({
      entries: z.array(outboxEntry),
      lastReminder: z
        .object({ level: z.number(), levelName: z.string(), sentAt: z.string(), outboxId: z.number() })
        .nullable(),
    }),
  },
  'outbox.list': {
    input: z
      .strictObject({
        status: z.enum(['pending', 'sent', 'all']).default('all'),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .optional()
      .default({ status: 'all', limit: 100, offset: 0 }),
    output: z.object({
      rows: z.array(outboxEntry),
      total: z.number(),
      counts: z.object({ queued: z.number(), failed: z.number() }),
    }),
  },
  /** Tries a queued or failed message again now. */
  'outbox.retry': { input: z.strictObject({ id: id('fields.message') }), output: outboxEntry },
  /** Takes a message that has not gone out yet out of the outbox. */
  'outbox.cancel': { input: z.strictObject({ id: id('fields.message') }), output: outboxEntry },
  /** Overdue invoices proposed for a reminder, newest proposals first. */
  'invoiceReminders.list': {
    input: z
      .strictObject({ status: z.enum(['proposed', 'all']).default('proposed') })
      .optional()
      .default({ status: 'proposed' }),
    output: z.array(reminderProposal),
  },
  /** Looks for overdue invoices now (it also runs by itself every hour). */
  'invoiceReminders.refresh': { input: emptyInput, output: z.array(reminderProposal) },
  /** Queues the approved reminders, each with its letter and a copy of the invoice. */
  'invoiceReminders.approve': {
    input: z.strictObject({
      ids: z
        .array(id('fields.reminder'))
        .min(1, { error: () => msg('validation.mail.chooseAtLeastOneReminder') })
        .max(500),
    }),
    output: z.array(reminderProposal),
  },
  /**
   * Queues one reminder per customer (and currency) for the chosen proposals: a letter and an
   * email listing all of that customer's overdue invoices, at the highest level chosen.
   */
  'invoiceReminders.approveByCustomer': {
    input: z.strictObject({
      ids: z
        .array(id('fields.reminder'))
        .min(1, { error: () => msg('validation.mail.chooseAtLeastOneReminder') })
        .max(500),
    }),
    output: z.array(reminderProposal),
  },
  'invoiceReminders.dismiss': {
    input: z.strictObject({
      ids: z
        .array(id('fields.reminder'))
        .min(1, { error: () => msg('validation.mail.chooseAtLeastOneReminder') })
        .max(500),
    }),
    output: z.array(reminderProposal),
  },
} as const;

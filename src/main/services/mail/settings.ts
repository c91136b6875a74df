import { msg } from '../../../shared/i18n';
import { z } from 'zod';
import type { MailSettings } from '../../../shared/api/mail';
import type { ParsedInput } from '../../../shared/api/contract';
import { SMTP_SECURITY } from '../../../shared/api/mail';
import {
  defaultTemplates,
  TEMPLATE_KINDS,
  type MailTemplate,
  type TemplateKind,
} from '../../../shared/domain/templates';
import type { Language } from '../../../shared/i18n';
import { getDocumentLanguageSettings } from '../printing/language';
import { AppError } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import type { SmtpAccount } from '../../mail/smtp';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { readSetting, writeSetting } from '../kv';
import { LEVELS_KEY, getReminderLevels } from './reminder-levels';
import { secretsOf } from '../secrets';
import {
  booksIdOf,
  forgetPasswordHere,
  readPasswordHere,
  savePasswordHere,
  type SmtpIdentity,
} from './password-here';

export const ACCOUNT_KEY = 'mail.account';
export const TEMPLATES_KEY = 'mail.templates';

/** As stored: the password only ever sealed (see services/secrets.ts and the Electron adapter). */
const storedAccount = z.object({
  host: z.string(),
  port: z.number(),
  security: z.enum(SMTP_SECURITY),
  user: z.string(),
  fromName: z.string(),
  fromEmail: z.string(),
  replyTo: z.string().default(''),
  bccSelf: z.boolean().default(false),
  passwordSealed: z.string().nullable(),
  /**
   * Shared books: the account signs in with a password that each computer keeps in its own
   * data folder (password-here.ts); the database never holds it. Always false on local books.
   */
  passwordPerComputer: z.boolean().default(false),
});
export type StoredAccount = z.infer<typeof storedAccount>;

const EMPTY_ACCOUNT: StoredAccount = {
  host: '',
  port: 587,
  security: 'starttls',
  user: '',
  fromName: '',
  fromEmail: '',
  replyTo: '',
  bccSelf: false,
  passwordSealed: null,
  passwordPerComputer: false,
};

const storedTemplates = z.record(z.string(), z.object({ subject: z.string(), body: z.string() }));

export async function storedAccountOf(ctx: ServiceContext): Promise<StoredAccount> {
  return await readSetting(ctx, ACCOUNT_KEY, storedAccount, EMPTY_ACCOUNT);
}

/**
 * Where one language's edited templates are kept: the business's document language under
 * mail.templates (as before languages: the templates a user edited were theirs), any other
 * language under mail.templates.<language>.
 */
async function templatesKeyOf(ctx: ServiceContext, language?: Language | null) {
  const business = (await getDocumentLanguageSettings(ctx)).language;
  const lang = language ?? business;
  return { key: lang === business ? TEMPLATES_KEY : `${TEMPLATES_KEY}.${lang}`, language: lang };
}

/**
 * The email templates in one language (by default the business's document language): the
 * user's edited templates are theirs, in the business's document language (the one they
 * edit in Settings → Email); every other language has Folio's own, from the catalogue.
 */
export async function getTemplates(
  ctx: ServiceContext,
  language?: Language | null,
): Promise<Record<TemplateKind, MailTemplate>> {
  const { key, language: lang } = await templatesKeyOf(ctx, language);
  const defaults = defaultTemplates(lang);
  const stored = await readSetting(ctx, key, storedTemplates, {});
  return Object.fromEntries(TEMPLATE_KINDS.map((k) => [k, stored[k] ?? defaults[k]])) as Record<
    TemplateKind,
    MailTemplate
  >;
}

export function isAccountReady(a: StoredAccount): boolean {
  return a.host !== '' && a.fromEmail !== '';
}

/** What Settings → Mail says about where the password is kept (in the caller's language). */
const STORAGE_NOTES = {
  'os-keychain': () => msg('settings.email.account.storageKeychain'),
  'key-file': () => msg('settings.email.account.storageKeyFile'),
} as const;

/** The account signs in with a password (shared books: each computer keeps its own). */
function usesPassword(a: StoredAccount): boolean {
  return a.passwordPerComputer || a.passwordSealed !== null;
}

const smtpIdentity = (a: { host: string; user: string }): SmtpIdentity => ({ host: a.host, user: a.user });

/**
 * Shared books: this computer's password for the account, or null when it has none. A
 * password an earlier Folio sealed into the database is still used by the computer that can
 * open it, and moved to this computer's own file then (the next save by an owner removes it
 * from the database).
 */
async function passwordHere(ctx: ServiceContext, a: StoredAccount): Promise<string | null> {
  const books = await booksIdOf(ctx);
  const here = readPasswordHere(ctx, books, smtpIdentity(a));
  if (here !== null) return here;
  if (a.passwordSealed === null) return null;
  let old: string;
  try {
    old = secretsOf(ctx).open(a.passwordSealed);
  } catch {
    return null;
  }
  savePasswordHere(ctx, books, smtpIdentity(a), old);
  return old;
}

/**
 * What this person may do with the email settings. Local books: everything. Shared books: what
 * the server grants (roles.ts): the account is a business setting (owners); keeping the
 * password on their own computer is for whoever may put mail in the outbox (owners and
 * bookkeepers; viewers do not send).
 */
async function mailAccess(
  ctx: ServiceContext,
): Promise<{ mayChangeAccount: boolean; maySetPasswordHere: boolean }> {
  if (ctx.host.engine !== 'postgres') return { mayChangeAccount: true, maySetPasswordHere: true };
  const row = (await ctx.host.store
    .prepare(
      "SELECT has_table_privilege('settings', 'UPDATE') AS account, has_table_privilege('outbox', 'INSERT') AS send",
    )
    .get()) as { account: number; send: number };
  return { mayChangeAccount: row.account === 1, maySetPasswordHere: row.send === 1 };
}

export async function getMailSettings(
  ctx: ServiceContext,
  language?: Language | null,
): Promise<MailSettings> {
  const a = await storedAccountOf(ctx);
  const shared = ctx.host.engine === 'postgres';
  const access = await mailAccess(ctx);
  return {
    account: {
      configured: isAccountReady(a),
      host: a.host,
      port: a.port,
      security: a.security,
      user: a.user,
      fromName: a.fromName,
      fromEmail: a.fromEmail,
      replyTo: a.replyTo,
      bccSelf: a.bccSelf,
      hasPassword: shared
        ? usesPassword(a) && (await passwordHere(ctx, a)) !== null
        : a.passwordSealed !== null,
      usesPassword: usesPassword(a),
      passwordPerComputer: shared,
      ...access,
      passwordStorage: secretsOf(ctx).kind,
      passwordStorageNote: shared
        ? msg('settings.email.account.storageShared')
        : STORAGE_NOTES[secretsOf(ctx).kind](),
    },
    templates: await getTemplates(ctx, language),
    reminderLevels: await getReminderLevels(ctx),
  };
}

/** The account with its password opened, for the sender. */
export async function smtpAccount(
  ctx: ServiceContext,
): Promise<SmtpAccount & { fromName: string; fromEmail: string; replyTo: string; bccSelf: boolean }> {
  const a = await storedAccountOf(ctx);
  if (!isAccountReady(a)) throw new AppError('CONFLICT', msg('errors.settings.setUpEmailAccount'));
  let password: string | null = null;
  if (ctx.host.engine === 'postgres') {
    if (usesPassword(a)) {
      password = await passwordHere(ctx, a);
      if (password === null)
        throw new AppError('VALIDATION', msg('errors.settings.enterPasswordHere'), 'password');
    }
  } else if (a.passwordSealed) {
    try {
      password = secretsOf(ctx).open(a.passwordSealed);
    } catch {
      throw new AppError('VALIDATION', msg('errors.settings.savedEmailPasswordNo'), 'password');
    }
  }
  return {
    host: a.host,
    port: a.port,
    security: a.security,
    user: a.user,
    password,
    fromName: a.fromName,
    fromEmail: a.fromEmail,
    replyTo: a.replyTo,
    bccSelf: a.bccSelf,
  };
}

function publicFields(a: StoredAccount): Record<string, unknown> {
  const { passwordSealed: _sealed, ...rest } = a;
  return rest;
}

/**
 * Saves the account. Local books: the password sealed in the database, as always. Shared
 * books: the account in the database, the password (when one is typed) in this computer's
 * own file only; the database keeps no password, not even a sealed one.
 */
export async function updateAccount(
  ctx: ServiceContext,
  input: ParsedInput<'mail.updateAccount'>,
): Promise<MailSettings> {
  const shared = ctx.host.engine === 'postgres';
  // Shared books: what to do with this computer's file once the database change is committed.
  const here = await storeOf(ctx).tx(async (): Promise<{ save: string } | 'forget' | null> => {
    let here: { save: string } | 'forget' | null = null;
    const before = await storedAccountOf(ctx);
    let passwordSealed = before.passwordSealed;
    let passwordPerComputer = false;
    let password: 'unchanged' | 'changed' | 'removed' = 'unchanged';
    if (input.password !== undefined) password = input.password === '' ? 'removed' : 'changed';
    if (!shared) {
      if (input.password !== undefined)
        passwordSealed = input.password === '' ? null : secretsOf(ctx).seal(input.password);
    } else {
      passwordSealed = null;
      passwordPerComputer = usesPassword(before);
      if (input.password !== undefined) {
        passwordPerComputer = input.password !== '';
        here = input.password === '' ? 'forget' : { save: input.password };
      } else if (before.passwordSealed !== null && before.host === input.host && before.user === input.user) {
        // Old data: the password an earlier Folio sealed into the database moves to this
        // computer's file when this computer can open it.
        try {
          here = { save: secretsOf(ctx).open(before.passwordSealed) };
        } catch {
          // Sealed by another computer: that one keeps using it until then; this one asks.
        }
      }
    }
    const next: StoredAccount = {
      host: input.host,
      port: input.port,
      security: input.security,
      user: input.user,
      fromName: input.fromName,
      fromEmail: input.fromEmail,
      replyTo: input.replyTo,
      bccSelf: input.bccSelf,
      passwordSealed,
      passwordPerComputer,
    };
    // Local books store the account exactly as before (no per-computer flag).
    const { passwordPerComputer: _perComputer, ...asBefore } = next;
    await writeSetting(ctx, ACCOUNT_KEY, shared ? next : asBefore);
    await recordAudit(ctx, {
      entity: 'mail_account',
      entityId: 'smtp',
      action: 'update',
      before: publicFields(before),
      after: publicFields(next),
      // Only the fact that the password changed, never its value.
      details: { credential: password },
    });
    // Messages stopped by a rejected login or a refused connection get another chance.
    await storeOf(ctx).run(
      qb
        .updateTable('outbox')
        .set({ status: 'queued', next_attempt_at: ctx.clock.now().toISOString() })
        .where('status', '=', 'failed')
        .where('failure_kind', 'in', ['auth', 'tls']),
    );
    return here;
  });
  if (here !== null) {
    const books = await booksIdOf(ctx);
    if (here === 'forget') forgetPasswordHere(ctx, books);
    else savePasswordHere(ctx, books, smtpIdentity(input), here.save);
  }
  return await getMailSettings(ctx);
}

/**
 * Shared books: keeps the account's password on this computer only (its data folder, sealed
 * with its key). Changes nothing in the database, so a bookkeeper may do it; a viewer may not
 * (viewers do not send). An empty password forgets it here.
 */
export async function setPasswordHere(
  ctx: ServiceContext,
  input: ParsedInput<'mail.setPasswordHere'>,
): Promise<MailSettings> {
  if (ctx.host.engine !== 'postgres')
    throw new AppError('CONFLICT', msg('errors.settings.passwordHereSharedOnly'));
  if (!(await mailAccess(ctx)).maySetPasswordHere)
    throw new AppError('READ_ONLY', msg('errors.settings.viewersDoNotSend'));
  const a = await storedAccountOf(ctx);
  if (!isAccountReady(a)) throw new AppError('CONFLICT', msg('errors.settings.setUpEmailAccount'));
  if (!usesPassword(a))
    throw new AppError('CONFLICT', msg('errors.settings.accountHasNoPassword'), 'password');
  const books = await booksIdOf(ctx);
  if (input.password === '') forgetPasswordHere(ctx, books);
  else savePasswordHere(ctx, books, smtpIdentity(a), input.password);
  ctx.log.info(
    input.password === ''
      ? 'email password forgotten on this computer'
      : 'email password saved on this computer',
  );
  return await getMailSettings(ctx);
}

export async function updateTemplate(
  ctx: ServiceContext,
  input: ParsedInput<'mail.updateTemplate'>,
): Promise<MailSettings> {
  const { key, language } = await templatesKeyOf(ctx, input.language);
  await storeOf(ctx).tx(async () => {
    const stored = await readSetting(ctx, key, storedTemplates, {});
    const before = (await getTemplates(ctx, language))[input.kind];
    await writeSetting(ctx, key, {
      ...stored,
      [input.kind]: { subject: input.subject, body: input.body },
    });
    await recordAudit(ctx, {
      entity: 'mail_template',
      entityId: key === TEMPLATES_KEY ? input.kind : `${input.kind}.${language}`,
      action: 'update',
      before: { ...before },
      after: { subject: input.subject, body: input.body },
    });
  });
  return await getMailSettings(ctx, language);
}

export async function resetTemplate(
  ctx: ServiceContext,
  input: { kind: TemplateKind; language?: Language | null },
): Promise<MailSettings> {
  const { key, language } = await templatesKeyOf(ctx, input.language);
  await storeOf(ctx).tx(async () => {
    const stored = await readSetting(ctx, key, storedTemplates, {});
    const before = (await getTemplates(ctx, language))[input.kind];
    const { [input.kind]: _removed, ...rest } = stored;
    await writeSetting(ctx, key, rest);
    await recordAudit(ctx, {
      entity: 'mail_template',
      entityId: key === TEMPLATES_KEY ? input.kind : `${input.kind}.${language}`,
      action: 'reset',
      before: { ...before },
      after: { ...defaultTemplates(language)[input.kind] },
    });
  });
  return await getMailSettings(ctx, language);
}

export async function updateReminderLevels(
  ctx: ServiceContext,
  input: ParsedInput<'mail.updateReminderLevels'>,
): Promise<MailSettings> {
  await storeOf(ctx).tx(async () => {
    const before = await getReminderLevels(ctx);
    await writeSetting(ctx, LEVELS_KEY, input.levels);
    await recordAudit(ctx, {
      entity: 'reminder_levels',
      entityId: 'reminders',
      action: 'update',
      before: Object.fromEntries(before.map((l) => [`level${l.level}`, l])),
      after: Object.fromEntries(input.levels.map((l) => [`level${l.level}`, l])),
    });
  });
  return await getMailSettings(ctx);
}

import { msg } from '../i18n';
import { z } from 'zod';
import { emptyInput } from './common';
import { base64File, isoDate, periodInOrder, searchText, text } from './fields';

export const healthSchema = z.object({
  /**
   * ok: working; corrupt: quick_check failed; newer: the file was written by a newer Folio;
   * missing: no data file (or an empty one) although backups exist; readonly: the file or its
   * folder cannot be written; failed: opening failed otherwise (a failed update, a full disk).
   */
  status: z.enum(['ok', 'corrupt', 'newer', 'missing', 'readonly', 'failed']),
  message: z.string(),
  schemaVersion: z.number(),
  appSchemaVersion: z.number(),
});
export type Health = z.infer<typeof healthSchema>;

export const backupSchema = z.object({
  name: z.string(),
  kind: z.enum(['start', 'daily', 'manual', 'pre-migration', 'pre-restore']),
  createdAt: z.string(),
  bytes: z.number(),
  /** Rows the copy has stored, by highest rowid per table (null: not measured, e.g. a damaged copy). */
  rows: z.number().nullable(),
  /** Whether the copy holds any business data (false: an empty book). */
  hasData: z.boolean().nullable(),
});
export type Backup = z.infer<typeof backupSchema>;

export const backupSettingsSchema = z.object({
  /** A second folder (a USB disk, a synced folder) the automatic backups are also copied to. */
  secondFolder: z.string().nullable(),
  /** How the last copy to the second folder went (null: none tried since Folio started). */
  lastCopy: z.object({ at: z.string(), ok: z.boolean(), message: z.string() }).nullable(),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  changes: z.record(z.string(), z.unknown()),
  user: z.string(),
  /** The record in words: "Invoice INV-2026-0001", "Customer Bäckerei Sonnenschein GmbH". */
  record: z.string(),
  /** Names of the records that id fields in `changes` point to ({ customerId: "Bäckerei …" }). */
  refs: z.record(z.string(), z.string()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const systemApi = {
  'system.health': { input: emptyInput, output: healthSchema },
  'system.info': {
    input: emptyInput,
    output: z.object({
      version: z.string(),
      mode: z.enum(['desktop', 'browser']),
      dataDir: z.string(),
      databaseFile: z.string(),
      schemaVersion: z.number(),
      today: z.string(),
    }),
  },
  'backups.list': { input: emptyInput, output: z.array(backupSchema) },
  'backups.create': { input: emptyInput, output: backupSchema },
  'backups.restore': {
    input: z.strictObject({
      name: text('fields.backup', 300).min(1, {
        error: () => msg('validation.system.chooseABackupToRestore'),
      }),
    }),
    output: z.object({ restored: backupSchema, safetyCopy: backupSchema.nullable() }),
  },
  'system.startNewBook': { input: emptyInput, output: healthSchema },
  'backups.settings': { input: emptyInput, output: backupSettingsSchema },
  'backups.updateSettings': {
    input: z.strictObject({
      secondFolder: text('fields.secondBackupFolder', 1000).nullable(),
    }),
    output: backupSettingsSchema,
  },
  'backups.saveToFile': {
    input: emptyInput,
    output: z.object({
      fileName: z.string(),
      bytes: z.number(),
      attachments: z.number(),
      /** Desktop: where the file was saved (null when the user cancelled the dialog). */
      savedTo: z.string().nullable(),
      /** Browser mode: the file to download (empty in the desktop app). */
      dataBase64: z.string(),
    }),
  },
  'backups.restoreFromFile': {
    input: z.strictObject({
      /** Browser mode: the uploaded file. The desktop app leaves it out and shows its Open dialog. */
      dataBase64: base64File('fields.backupFile', 60_000_000).optional(),
      fileName: text('fields.fileName', 500).optional(),
    }),
    output: z.object({
      /** False when the user cancelled the Open dialog. */
      restored: z.boolean(),
      createdAt: z.string().nullable(),
      attachments: z.number(),
      safetyCopy: backupSchema.nullable(),
    }),
  },
  'audit.list': {
    input: z
      .strictObject({
        entity: text('fields.kindOfRecord', 50).optional(),
        entityId: text('fields.record', 100).optional(),
        from: isoDate('fields.from').optional(),
        to: isoDate('fields.to').optional(),
        text: searchText().optional(),
        beforeId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .refine(...periodInOrder)
      .optional()
      .default({ limit: 100 }),
    output: z.object({ entries: z.array(auditEntrySchema), nextBeforeId: z.number().nullable() }),
  },
} as const;

/** Methods that still work when the database is unusable, so the user can recover. */
export const RECOVERY_METHODS: readonly string[] = [
  'system.health',
  // A server that cannot be reached: connect to other shared books, or back to the local file.
  'sharedBooks.status',
  'sharedBooks.connect',
  'sharedBooks.disconnect',
  'system.info',
  'backups.list',
  'backups.restore',
  'backups.restoreFromFile',
  'system.startNewBook',
];

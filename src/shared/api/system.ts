import { z } from 'zod';
import { emptyInput } from './common';
import { isoDate } from './fields';

export const healthSchema = z.object({
  /** ok: working; corrupt: quick_check failed; newer: the file was written by a newer Folio. */
  status: z.enum(['ok', 'corrupt', 'newer']),
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
});
export type Backup = z.infer<typeof backupSchema>;

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
    input: z.strictObject({ name: z.string().min(1, 'Choose a backup to restore') }),
    output: z.object({ restored: backupSchema, safetyCopy: backupSchema.nullable() }),
  },
  'audit.list': {
    input: z
      .strictObject({
        entity: z.string().max(50).optional(),
        entityId: z.string().max(100).optional(),
        from: isoDate('From').optional(),
        to: isoDate('To').optional(),
        text: z.string().max(200).optional(),
        beforeId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .optional()
      .default({ limit: 100 }),
    output: z.object({ entries: z.array(auditEntrySchema), nextBeforeId: z.number().nullable() }),
  },
} as const;

/** Methods that still work when the database is unusable, so the user can recover. */
export const RECOVERY_METHODS: readonly string[] = [
  'system.health',
  'system.info',
  'backups.list',
  'backups.restore',
];

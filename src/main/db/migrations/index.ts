import type { PoolClient } from 'pg';
import type { Sqlite } from '../open';
import { up as foundation } from './0001-foundation';
import { up as receivables } from './0002-receivables';
import { up as payables } from './0003-payables';
import { up as reports } from './0004-reports';
import { up as documents } from './0005-documents';
import { up as taxRounding } from './0006-tax-rounding';
import { up as einvoice } from './0007-einvoice';
import { up as einvoicesIn } from './0008-einvoices-in';
import { up as bank } from './0009-bank';
import { up as languages } from './0010-languages';
import { up as receivableDueDays } from './0011-receivable-due-days';
import { up as vendorCreditApplications } from './0012-vendor-credit-applications';
import { up as editVersions, PG as editVersionsPg } from './0013-edit-versions';
import { up as attachmentFiles, pg as attachmentFilesPg } from './0014-attachment-files';
import { up as moreEditVersions, PG as moreEditVersionsPg } from './0015-more-edit-versions';
import { up as pgSearch, PG as pgSearchPg } from './0016-pg-search';
import { up as editVersionsSettings, PG as editVersionsSettingsPg } from './0017-edit-versions-settings';

/**
 * A migration's PostgreSQL body: SQL run as one script, or a function given the migration's
 * connection (inside its transaction).
 */
export type PgBody = string | ((client: PoolClient) => Promise<void>);

export interface Migration {
  version: number;
  name: string;
  up(db: Sqlite): void;
  /**
   * The PostgreSQL body (pg/migrate.ts). PostgreSQL support starts at version 12: migration
   * 1's body is the baseline (pg/baseline.ts) that creates the whole version-12 schema, 2–12
   * have none, and every migration from 13 on carries both bodies.
   */
  pg?: PgBody;
}

/**
 * Every schema change, in order; a migration's version is its position (1-based), which
 * user_version records once it is applied. A released migration is never edited or moved:
 * a change to the schema is a new file appended here.
 */
const ORDERED: { name: string; up(db: Sqlite): void; pg?: PgBody }[] = [
  {
    name: 'foundation',
    up: foundation,
    // The whole version-12 schema; loaded only when a PostgreSQL database is set up (cold start).
    pg: async (client) => {
      await client.query((await import('./pg/baseline')).PG_BASELINE);
    },
  },
  { name: 'receivables', up: receivables },
  { name: 'payables', up: payables },
  { name: 'reports', up: reports },
  { name: 'documents', up: documents },
  { name: 'tax-rounding', up: taxRounding },
  { name: 'einvoice', up: einvoice },
  { name: 'einvoices-in', up: einvoicesIn },
  { name: 'bank', up: bank },
  { name: 'languages', up: languages },
  { name: 'receivable-due-days', up: receivableDueDays },
  { name: 'vendor-credit-applications', up: vendorCreditApplications },
  { name: 'edit-versions', up: editVersions, pg: editVersionsPg },
  { name: 'attachment-files', up: attachmentFiles, pg: attachmentFilesPg },
  { name: 'more-edit-versions', up: moreEditVersions, pg: moreEditVersionsPg },
  { name: 'pg-search', up: pgSearch, pg: pgSearchPg },
  { name: 'edit-versions-settings', up: editVersionsSettings, pg: editVersionsSettingsPg },
];

export const MIGRATIONS: readonly Migration[] = ORDERED.map((m, i) => ({ ...m, version: i + 1 }));

export const LATEST_VERSION = MIGRATIONS.length;

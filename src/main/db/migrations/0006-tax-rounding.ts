import type { Sqlite } from '../open';

/**
 * How a document's taxes were rounded (see src/shared/domain/totals.ts). Documents that exist
 * when this runs were computed line by line and keep that rule, so an issued document shows the
 * same figures for ever; every document saved from now on is computed per tax rate.
 */
export function up(db: Sqlite): void {
  db.exec(`
    ALTER TABLE documents ADD COLUMN tax_rounding TEXT NOT NULL DEFAULT 'line'
      CHECK (tax_rounding IN ('line', 'category'));
  `);
}

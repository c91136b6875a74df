import type { Sqlite } from '../open';

/**
 * Languages: each customer may have a document language of its own ("de", "fr", …); NULL
 * means the business's document language (a setting, documents.language). The business's
 * language, how documents format dates and amounts, and its own wording per language live in
 * the settings table.
 */
export function up(db: Sqlite): void {
  db.exec(`ALTER TABLE customers ADD COLUMN document_language TEXT;`);
}

import type { Sqlite } from '../open';
import { up as foundation } from './0001-foundation';

export interface Migration {
  version: number;
  name: string;
  up(db: Sqlite): void;
}

/**
 * Every schema change, in order. A migration is never edited once released: a change to
 * the schema is a new file with the next number. user_version holds the last one applied.
 */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'foundation', up: foundation }];

export const LATEST_VERSION = MIGRATIONS.length;

import { openFolio, type Folio } from '../../src/main/app';
import type { SqliteStore } from '../../src/main/db/store';
import type { Sqlite } from '../../src/main/db/open';
import type { Input, Method, Output } from '../../src/shared/api/contract';
import type { ApiError, Result } from '../../src/shared/api/envelope';
import { silentLogger } from '../../src/main/log';
import type { Clock } from '../../src/main/services/context';
import { tempDir } from './tmp';

export interface TestFolio {
  folio: Folio;
  dataDir: string;
  /** Calls a method through the real dispatcher; returns the value or throws the envelope's error. */
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  /** Calls a method and returns the raw envelope (for asserting on errors). */
  raw(method: string, input: unknown, lang?: string): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export class CallError extends Error {
  constructor(readonly error: ApiError) {
    super(`${error.code}: ${error.message}`);
  }
}

/** Opens Folio on a temporary (or given) data folder, exactly as the shells do. */
export async function openTestFolio(
  options: { dataDir?: string; clock?: Clock; keep?: boolean } = {},
): Promise<TestFolio> {
  const tmp = options.dataDir ? null : tempDir();
  const dataDir = options.dataDir ?? tmp!.dir;
  const folio = await openFolio({
    dataDir,
    mode: 'browser',
    version: 'test',
    clock: options.clock,
    log: silentLogger,
  });
  return {
    folio,
    dataDir,
    raw: (method, input, lang) => folio.dispatch(method, input, lang),
    async call(method, input) {
      const result = await folio.dispatch(method, input);
      if (!result.ok) throw new CallError(result.error);
      return result.value as never;
    },
    async close() {
      await folio.close();
      if (!options.keep) tmp?.cleanup();
    },
  };
}

/** A clock fixed at a given instant (and the local date of that instant). */
export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    today: () => now.toISOString().slice(0, 10),
    set: (next) => {
      now = new Date(next);
    },
  };
}

export const SAMPLE_PROFILE = {
  name: 'Acme Studio Ltd',
  address: {
    line1: '1 Market Street',
    line2: '',
    city: 'Dublin',
    region: '',
    postalCode: 'D02 XY45',
    country: 'Ireland',
  },
  email: 'hello@acme.example',
  phone: '+353 1 234 5678',
  website: 'acme.example',
  taxNumber: 'IE1234567T',
};

export const SAMPLE_PREFERENCES = {
  baseCurrency: 'EUR',
  locale: 'en-IE',
  defaultPaymentTerms: { kind: 'net' as const, days: 30 },
  fiscalYearStartMonth: 1,
  fiscalYearStartDay: 1,
};

/** A real 2×2 grey progressive JPEG (written by MuPDF). */
export const TWO_PIXEL_JPEG =
  '/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQYHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wgARCAACAAIDAREAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAABv/EABQBAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhADEAAAAWB//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABBQJ//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAwEBPwF//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAgEBPwF//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQAGPwJ//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPyF//9oADAMBAAIAAwAAABAf/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAwEBPxB//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAgEBPxB//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxB//9k=';

/** A real 1×1 red PNG. */
export const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';

/** The local book's SQLite store, for tests that look into the file itself (SQLite books only). */
export function localStore(ctx: Folio['ctx']): SqliteStore {
  const host = ctx.host;
  if (host.engine !== 'sqlite') throw new Error('This test reads the local SQLite file');
  return host.store;
}

/** The local book's better-sqlite3 connection (SQLite books only). */
export function localSqlite(ctx: Folio['ctx']): Sqlite {
  return localStore(ctx).sqlite;
}

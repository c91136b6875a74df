/**
 * The asynchronous store's transactions on a real SQLite file: what services rely on when a
 * transaction spans awaits and other callers run meanwhile.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Sqlite } from '../../src/main/db/open';
import { SqliteStore } from '../../src/main/db/store';
import { tempDir } from '../helpers/tmp';

let dir: ReturnType<typeof tempDir>;
let sqlite: Sqlite;
let store: SqliteStore;
const count = async () => ((await store.prepare('SELECT count(*) AS n FROM t').get()) as { n: number }).n;
const insert = (v: string) => store.prepare('INSERT INTO t (v) VALUES (?)').run(v);
const tick = () => new Promise((r) => setImmediate(r));

beforeEach(() => {
  dir = tempDir();
  sqlite = openDatabase(path.join(dir.dir, 'books.sqlite3'));
  sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  store = new SqliteStore(sqlite);
});
afterEach(() => {
  sqlite.close();
  dir.cleanup();
});

describe('transactions of the asynchronous store', () => {
  it('a throw anywhere in the transaction, after awaits, keeps nothing', async () => {
    await expect(
      store.tx(async () => {
        await insert('a');
        await tick();
        await insert('b');
        throw new Error('half-way');
      }),
    ).rejects.toThrow('half-way');
    expect(await count()).toBe(0);
    expect(sqlite.inTransaction).toBe(false);
  });

  it('a nested transaction that fails rolls back only itself', async () => {
    await store.tx(async () => {
      await insert('outer');
      await expect(
        store.tx(async () => {
          await insert('inner');
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await insert('outer again');
    });
    expect(sqlite.prepare('SELECT v FROM t ORDER BY id').pluck().all()).toEqual(['outer', 'outer again']);
  });

  it('another caller neither sees uncommitted rows nor joins the transaction: it waits for the commit', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const seen: number[] = [];
    const tx = store.tx(async () => {
      await insert('one');
      await held; // the transaction waits on something else (a worker, the network)
      await insert('two');
    });
    await tick();
    const reader = count().then((n) => seen.push(n));
    const writer = insert('outside');
    await tick();
    expect(seen).toEqual([]); // still waiting
    release();
    await Promise.all([tx, reader, writer]);
    expect(seen).toEqual([2]); // after the commit, with both rows
    expect(await count()).toBe(3);
  });

  it('work started inside a transaction that outlives it runs outside it, after the commit', async () => {
    let later!: Promise<unknown>;
    await store.tx(async () => {
      await insert('in');
      later = (async () => {
        await new Promise((r) => setTimeout(r, 5));
        return await store.tx(async () => await insert('after'));
      })();
    });
    await later;
    expect(sqlite.inTransaction).toBe(false);
    expect(await count()).toBe(2);
  });

  it('transactions started together run one after the other', async () => {
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((v) =>
        store.tx(async () => {
          order.push(`${v}:start`);
          await insert(v);
          await tick();
          order.push(`${v}:end`);
        }),
      ),
    );
    expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });
});

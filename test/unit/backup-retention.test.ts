import { describe, expect, it } from 'vitest';
import { backupName, backupsToKeep } from '../../src/main/db/backups';
import type { Backup } from '../../src/shared/api/system';

function backup(iso: string, kind: Backup['kind'], rows: number | null = 10): Backup {
  return {
    name: backupName(new Date(iso), kind),
    kind,
    createdAt: new Date(iso).toISOString(),
    bytes: 1,
    rows,
    hasData: rows === null ? null : rows > 5,
  };
}

describe('backup retention', () => {
  const now = new Date('2026-11-23T12:00:00Z');

  it('keeps the newest automatic backup of each of the last 7 days', () => {
    const list: Backup[] = [];
    for (let d = 1; d <= 20; d++) {
      const day = String(d).padStart(2, '0');
      list.push(backup(`2026-11-${day}T08:00:00Z`, 'start'), backup(`2026-11-${day}T20:00:00Z`, 'daily'));
    }
    const keep = backupsToKeep(list, now);
    const kept = list.filter((b) => keep.has(b.name));
    // 7 days (the evening backup of Nov 14–20); Nov 20 is also November's monthly.
    expect(kept.map((b) => b.createdAt.slice(0, 13))).toEqual(
      ['14', '15', '16', '17', '18', '19', '20'].map((d) => `2026-11-${d}T20`),
    );
  });

  it('keeps one per month for 12 months', () => {
    const list: Backup[] = [];
    for (let m = 0; m < 18; m++) {
      const date = new Date(Date.UTC(2025, 5 + m, 10, 12));
      list.push(backup(date.toISOString(), 'daily'));
    }
    const keep = backupsToKeep(list, now);
    // 18 monthly backups, one per month: the 12 newest months survive.
    expect(list.filter((b) => keep.has(b.name)).length).toBe(12);
    expect(keep.has(list[list.length - 1]!.name)).toBe(true);
    expect(keep.has(list[0]!.name)).toBe(false);
  });

  it('keeps safety copies for 30 days and never fewer than 5', () => {
    const old = Array.from({ length: 8 }, (_, i) => backup(`2026-0${i + 1}-01T10:00:00Z`, 'pre-restore'));
    const recent = [backup('2026-11-20T10:00:00Z', 'manual')];
    const keep = backupsToKeep([...old, ...recent], now);
    expect(keep.has(recent[0]!.name)).toBe(true);
    // The recent one plus the 4 newest old ones make the minimum of 5.
    expect(old.filter((b) => keep.has(b.name)).map((b) => b.createdAt.slice(0, 7))).toEqual([
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
    ]);
  });

  it('never prunes a fuller backup because a newer, emptier one exists on the same day', () => {
    const good = backup('2026-11-23T08:00:00Z', 'start', 5400);
    const empty = backup('2026-11-23T09:00:00Z', 'start', 3);
    const keep = backupsToKeep([good, empty], now);
    expect(keep.has(good.name)).toBe(true);
    expect(keep.has(empty.name)).toBe(true);
    // With equal content, the newest of the day is enough.
    const again = backup('2026-11-23T10:00:00Z', 'daily', 5400);
    const keep2 = backupsToKeep([good, empty, again], now);
    expect([...keep2]).toEqual([again.name]);
  });

  it('keeps the last backup that holds data, however old, and judges by size when rows are unknown', () => {
    const withData = backup('2024-01-10T08:00:00Z', 'daily', 900);
    const empties = Array.from({ length: 20 }, (_, i) =>
      backup(`2026-11-${String(i + 1).padStart(2, '0')}T08:00:00Z`, 'start', 2),
    );
    expect(backupsToKeep([withData, ...empties], now).has(withData.name)).toBe(true);

    const bigger = { ...backup('2026-11-22T08:00:00Z', 'start', null), bytes: 90_000 };
    const smaller = { ...backup('2026-11-22T09:00:00Z', 'start', null), bytes: 40_000 };
    expect(backupsToKeep([bigger, smaller], now).has(bigger.name)).toBe(true);
  });
});

import { storeOf } from '../../src/main/services/context';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, openTestFolio, type TestFolio } from '../helpers/folio';
import { auditOf, billInput, setupBusiness, vendorInput } from '../helpers/payables';
import {
  DEFAULT_REMINDER_SETTINGS,
  activeReminders,
  type ReminderCandidate,
} from '../../src/shared/domain/bill-reminders';
import { addDays } from '../../src/shared/domain/dates';

let t: TestFolio;
const clock = fixedClock('2026-03-10T08:00:00Z');
beforeEach(async () => {
  clock.set('2026-03-10T08:00:00Z');
  t = await openTestFolio({ clock });
  await setupBusiness(t);
});
afterEach(async () => {
  await t.close();
});

async function seed() {
  const v = await t.call('vendors.create', vendorInput());
  const make = (n: string, due: string, extra: Record<string, unknown> = {}) =>
    t.call(
      'bills.create',
      billInput(v.id, {
        vendorInvoiceNumber: n,
        billDate: '2026-03-01',
        dueDate: due,
        lines: [{ unitPrice: 10_00 }],
        ...extra,
      }),
    );
  return {
    overdue: (await make('LATE', '2026-03-08')).bill,
    soon: (await make('SOON', '2026-03-13')).bill,
    later: (await make('LATER', '2026-03-30')).bill,
    draft: (await make('DRAFT', '2026-03-10', { status: 'draft' })).bill,
    discount: (await make('DISC', '2026-03-31', { earlyPayment: { discountPercent: 2, days: 10 } })).bill,
  };
}

describe('the reminder centre', () => {
  it('lists overdue bills, bills due within N days and discounts about to end', async () => {
    await seed();
    const list = await t.call('reminders.list', {});
    expect(list.items.map((i) => [i.vendorInvoiceNumber, i.kind, i.message])).toEqual([
      ['LATE', 'overdue', '2 days overdue'],
      ['DISC', 'discount', 'Pay €9.80 by 11 Mar 2026 to save €0.20'],
      ['SOON', 'due', 'Due in 3 days'],
    ]);
    expect(list.count).toBe(3);
    await t.call('reminders.updateSettings', { dueSoonDays: 1, desktopNotifications: true });
    expect((await t.call('reminders.list', {})).items.map((i) => i.vendorInvoiceNumber)).toEqual([
      'LATE',
      'DISC',
    ]);
    expect((await t.call('audit.list', { entity: 'reminder_settings' })).entries).toHaveLength(1);
  });

  it('a snoozed reminder leaves the list until its date; paid bills leave it for good', async () => {
    const bills = await seed();
    expect(await t.raw('reminders.snooze', { billId: bills.overdue.id, until: '2026-03-10' })).toMatchObject({
      ok: false,
      error: { field: 'until', message: 'Choose a date after today, 2026-03-10.' },
    });
    await t.call('reminders.snooze', { billId: bills.overdue.id, until: '2026-03-12' });
    let list = await t.call('reminders.list', {});
    expect(list.items.map((i) => i.vendorInvoiceNumber)).toEqual(['DISC', 'SOON']);
    expect(list.snoozed.map((i) => [i.vendorInvoiceNumber, i.snoozedUntil])).toEqual([
      ['LATE', '2026-03-12'],
    ]);
    expect((await auditOf(t, 'bill', bills.overdue.id))[0]).toMatchObject({ action: 'snooze_reminder' });
    clock.set('2026-03-12T08:00:00Z');
    list = await t.call('reminders.list', {});
    expect(list.items.map((i) => i.vendorInvoiceNumber)).toContain('LATE');
    await t.call('billPayments.create', {
      paymentDate: '2026-03-12',
      method: 'card',
      allocations: [{ billId: bills.soon.id, amount: 10_00 }],
    });
    expect((await t.call('reminders.list', {})).items.map((i) => i.vendorInvoiceNumber)).not.toContain(
      'SOON',
    );
    await t.call('reminders.unsnooze', { billId: bills.overdue.id });
    expect((await t.call('bills.get', { id: bills.overdue.id })).snoozedUntil).toBeNull();
  });
});

describe('desktop notifications', () => {
  it('are taken at most once per bill per day, however often the shell asks', async () => {
    const bills = await seed();
    const first = await t.call('reminders.takeDesktopNotifications', {});
    expect(first.items.map((i) => i.vendorInvoiceNumber)).toEqual(['LATE', 'DISC', 'SOON']);
    // The hourly checks that day find nothing new, even after a restart.
    for (const hour of ['09', '13', '23']) {
      clock.set(`2026-03-10T${hour}:00:00Z`);
      expect((await t.call('reminders.takeDesktopNotifications', {})).items).toEqual([]);
    }
    const dir = t.dataDir;
    await t.folio.close();
    t = await openTestFolio({ clock, dataDir: dir });
    expect((await t.call('reminders.takeDesktopNotifications', {})).items).toEqual([]);
    // The in-app reminder centre still lists them.
    expect((await t.call('reminders.list', {})).count).toBe(3);

    // Next day: one notification each again, except a snoozed bill; a new bill due soon is included.
    clock.set('2026-03-11T08:00:00Z');
    await t.call('reminders.snooze', { billId: bills.overdue.id, until: '2026-03-13' });
    const next = await t.call('reminders.takeDesktopNotifications', {});
    expect(next.items.map((i) => i.vendorInvoiceNumber)).toEqual(['DISC', 'SOON']);
    expect((await t.call('reminders.takeDesktopNotifications', {})).items).toEqual([]);

    await t.call('reminders.updateSettings', { dueSoonDays: 3, desktopNotifications: false });
    clock.set('2026-03-12T08:00:00Z');
    expect((await t.call('reminders.takeDesktopNotifications', {})).items).toEqual([]);
  });
});

describe('the reminder centre at scale', () => {
  it('counts and lists exactly what the reminder rules give for every open bill', async () => {
    const v = await t.call('vendors.create', vendorInput());
    const ids: number[] = [];
    // 60 bills due from 40 days ago to 20 days ahead, some with discounts, some paid or drafts.
    for (let i = 0; i < 60; i++) {
      const due = addDays('2026-03-10', i - 40);
      const { bill } = await t.call(
        'bills.create',
        billInput(v.id, {
          vendorInvoiceNumber: `R-${i}`,
          billDate: addDays(due, -20),
          dueDate: due,
          lines: [{ unitPrice: 1_00 + i }],
          earlyPayment: i % 4 === 0 ? { discountPercent: 2, days: 19 } : null,
          status: i % 9 === 0 ? 'draft' : 'awaiting_payment',
        }),
      );
      ids.push(bill.id);
    }
    for (const i of [3, 17, 44])
      await t.call('billPayments.create', {
        paymentDate: '2026-03-10',
        method: 'cash',
        allocations: [{ billId: ids[i]!, amount: 1_00 + i }],
      });
    for (const i of [5, 20, 41]) await t.call('reminders.snooze', { billId: ids[i]!, until: '2026-03-15' });

    const rows = (await storeOf(t.folio.ctx)
      .prepare(
        `SELECT b.id, b.status, b.bill_date, b.due_date, b.balance, b.discount_taken, b.discount_bp, b.discount_days,
           r.snoozed_until, r.notified_on FROM bills b LEFT JOIN bill_reminders r ON r.bill_id = b.id`,
      )
      .all()) as any[];
    const candidates: ReminderCandidate[] = rows.map((r) => ({
      billId: r.id,
      status: r.status,
      billDate: r.bill_date,
      dueDate: r.due_date,
      balance: r.balance,
      discountTaken: r.discount_taken,
      earlyPayment: r.discount_bp ? { discountBp: r.discount_bp, days: r.discount_days } : null,
      snoozedUntil: r.snoozed_until,
      notifiedOn: r.notified_on,
    }));
    const expected = activeReminders(candidates, '2026-03-10', DEFAULT_REMINDER_SETTINGS);
    const list = await t.call('reminders.list', {});
    expect(list.count).toBe(expected.length);
    expect(list.items.map((i) => [i.billId, i.kind])).toEqual(expected.map((r) => [r.billId, r.kind]));
    expect(list.snoozed.map((i) => i.billId).sort((a, b) => a - b)).toEqual([ids[5], ids[20], ids[41]]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  activeReminders,
  reminderFor,
  reminderHorizon,
  remindersToNotify,
  type ReminderCandidate,
  type ReminderSettings,
} from '../../src/shared/domain/bill-reminders';
import { addDays } from '../../src/shared/domain/dates';

const TODAY = '2026-03-10';
const settings: ReminderSettings = { dueSoonDays: 3, desktopNotifications: true };

let nextId = 1;
function bill(overrides: Partial<ReminderCandidate> = {}): ReminderCandidate {
  return {
    billId: nextId++,
    status: 'awaiting_payment',
    billDate: '2026-02-20',
    dueDate: TODAY,
    balance: 10_000,
    discountTaken: 0,
    earlyPayment: null,
    snoozedUntil: null,
    notifiedOn: null,
    ...overrides,
  };
}

describe('bill reminders: which bills', () => {
  it('remind for open bills only: awaiting payment and partially paid, never drafts, paid or void', () => {
    for (const status of ['awaiting_payment', 'partially_paid'] as const)
      expect(reminderFor(bill({ status }), TODAY, settings)).not.toBeNull();
    for (const status of ['draft', 'paid', 'void'] as const)
      expect(reminderFor(bill({ status }), TODAY, settings)).toBeNull();
    expect(reminderFor(bill({ balance: 0 }), TODAY, settings)).toBeNull();
  });

  it('an overdue bill reminds as overdue with the days it is late', () => {
    expect(reminderFor(bill({ dueDate: '2026-03-07' }), TODAY, settings)).toMatchObject({
      kind: 'overdue',
      date: '2026-03-07',
      days: -3,
    });
  });

  it('an early-payment discount about to end reminds before the due date does', () => {
    // 2/10: the discount ends on 2026-03-12, within 3 days; the bill is due on 2026-03-22.
    const b = bill({
      billDate: '2026-03-02',
      dueDate: '2026-03-22',
      earlyPayment: { discountBp: 200, days: 10 },
    });
    expect(reminderFor(b, TODAY, settings)).toMatchObject({ kind: 'discount', date: '2026-03-12', days: 2 });
    // Once taken or passed, only the due date matters.
    expect(reminderFor({ ...b, discountTaken: 200 }, TODAY, settings)).toBeNull();
    expect(reminderFor(b, '2026-03-13', settings)).toBeNull();
    expect(reminderFor(b, '2026-03-19', settings)).toMatchObject({ kind: 'due', days: 3 });
  });
});

describe('bill reminders: when', () => {
  it('start N days before the due date, on the due date, and every day after', () => {
    const b = bill({ dueDate: '2026-03-20' });
    const firstDay = addDays('2026-03-20', -settings.dueSoonDays);
    expect(reminderFor(b, addDays(firstDay, -1), settings)).toBeNull();
    expect(reminderFor(b, firstDay, settings)).toMatchObject({ kind: 'due', days: 3 });
    expect(reminderFor(b, '2026-03-20', settings)).toMatchObject({ kind: 'due', days: 0 });
    expect(reminderFor(b, '2026-03-21', settings)).toMatchObject({ kind: 'overdue', days: -1 });
    expect(reminderFor(b, '2026-06-01', settings)).toMatchObject({ kind: 'overdue' });
    expect(reminderHorizon(TODAY, settings)).toBe('2026-03-13');
  });

  it('with 0 days ahead, only on the due date and after', () => {
    const zero = { ...settings, dueSoonDays: 0 };
    expect(reminderFor(bill({ dueDate: '2026-03-11' }), TODAY, zero)).toBeNull();
    expect(reminderFor(bill({ dueDate: TODAY }), TODAY, zero)).toMatchObject({ kind: 'due' });
  });

  it('a snoozed bill is hidden until its snooze date, and back on that day', () => {
    const b = bill({ dueDate: '2026-03-01', snoozedUntil: '2026-03-12' });
    expect(activeReminders([b], TODAY, settings)).toEqual([]);
    expect(activeReminders([b], '2026-03-11', settings)).toEqual([]);
    expect(activeReminders([b], '2026-03-12', settings).map((r) => r.billId)).toEqual([b.billId]);
  });

  it('lists reminders soonest first', () => {
    const late = bill({ dueDate: '2026-03-01' });
    const soon = bill({ dueDate: '2026-03-12' });
    const today = bill({ dueDate: TODAY });
    const later = bill({ dueDate: '2026-04-30' });
    expect(activeReminders([soon, later, today, late], TODAY, settings).map((r) => r.billId)).toEqual([
      late.billId,
      today.billId,
      soon.billId,
    ]);
  });
});

describe('bill reminders: only once a day', () => {
  it('a bill notified today is not notified again today, however often the check runs', () => {
    const a = bill({ dueDate: '2026-03-11' });
    const b = bill({ dueDate: '2026-03-05' });
    const first = remindersToNotify([a, b], TODAY, settings);
    expect(first.map((r) => r.billId).sort()).toEqual([a.billId, b.billId].sort());
    // The shell records the day of each notification; the hourly checks that follow find nothing.
    const afterNotifying = [a, b].map((x) => ({ ...x, notifiedOn: TODAY }));
    for (let hour = 0; hour < 24; hour++)
      expect(remindersToNotify(afterNotifying, TODAY, settings)).toEqual([]);
    // The next day they are due for one notification again.
    expect(remindersToNotify(afterNotifying, '2026-03-11', settings)).toHaveLength(2);
  });

  it('a bill notified yesterday, a snoozed bill and a disabled setting', () => {
    const yesterday = bill({ dueDate: TODAY, notifiedOn: '2026-03-09' });
    const snoozed = bill({ dueDate: TODAY, snoozedUntil: '2026-03-11' });
    expect(remindersToNotify([yesterday, snoozed], TODAY, settings).map((r) => r.billId)).toEqual([
      yesterday.billId,
    ]);
    expect(remindersToNotify([yesterday], TODAY, { ...settings, desktopNotifications: false })).toEqual([]);
  });
});

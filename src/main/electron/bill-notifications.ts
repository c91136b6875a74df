import { Notification, type BrowserWindow } from 'electron';
import type { Dispatch } from '../api/dispatch';
import type { ReminderItem } from '../../shared/api/payables';
import { APP_URL } from './protocol';

/**
 * Desktop notifications for bills: at start and every hour, ask the dispatcher for the
 * reminders not yet notified today (reminders.takeDesktopNotifications marks them in the
 * same transaction, so a bill is never notified twice on one day) and show them. A few are
 * shown one by one; more are summed up in one notification. Clicking one opens the bill, or
 * the due-date view. Browser mode has no notifications: its reminder centre lists the same.
 */
const HOUR = 60 * 60 * 1000;
const ONE_BY_ONE = 3;

function title(item: ReminderItem): string {
  const who = item.vendorInvoiceNumber ? `${item.vendorName} ${item.vendorInvoiceNumber}` : item.vendorName;
  return item.kind === 'overdue'
    ? `Overdue: ${who}`
    : item.kind === 'discount'
      ? `Discount ending: ${who}`
      : `Bill due: ${who}`;
}

export function startBillNotifications(options: {
  dispatch: Dispatch;
  window: () => BrowserWindow | null;
  onError: (error: unknown) => void;
}): () => void {
  const open = (route: string) => {
    const win = options.window();
    if (!win) return;
    void win.webContents.loadURL(`${APP_URL}#${route}`);
    if (win.isMinimized()) win.restore();
    win.focus();
  };

  const check = async () => {
    try {
      if (!Notification.isSupported()) return;
      const result = await options.dispatch('reminders.takeDesktopNotifications', {});
      if (!result.ok) return;
      const { items } = result.value as { items: ReminderItem[] };
      if (items.length === 0) return;
      if (items.length <= ONE_BY_ONE) {
        for (const item of items) {
          const n = new Notification({ title: title(item), body: item.message });
          n.on('click', () => open(`/bills/${item.billId}`));
          n.show();
        }
        return;
      }
      const overdue = items.filter((i) => i.kind === 'overdue').length;
      const n = new Notification({
        title: `${items.length} bills need attention`,
        body: `${overdue} overdue, ${items.length - overdue} due soon or with a discount ending. Open Folio to review them.`,
      });
      n.on('click', () => open('/bills'));
      n.show();
    } catch (error) {
      options.onError(error);
    }
  };

  void check();
  const timer = setInterval(() => void check(), HOUR);
  return () => clearInterval(timer);
}

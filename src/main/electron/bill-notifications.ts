import { Notification, app, type BrowserWindow } from 'electron';
import type { Dispatch } from '../api/dispatch';
import type { ReminderItem } from '../../shared/api/payables';
import { translator } from '../../shared/i18n';
import { notificationLanguage, notificationSummary, notificationTitle } from './bill-notification-words';
import { APP_URL } from './protocol';

/**
 * Desktop notifications for bills: at start and every hour, ask the dispatcher for the
 * reminders not yet notified today (reminders.takeDesktopNotifications marks them in the
 * same transaction, so a bill is never notified twice on one day) and show them. A few are
 * shown one by one; more are summed up in one notification. Clicking one opens the bill, or
 * the due-date view. Browser mode has no notifications: its reminder centre lists the same.
 */
const HOUR = 60 * 60 * 1000;

/** The system's languages, most preferred first (Electron reads them from the OS). */
const systemLocales = (): string[] => {
  try {
    return [...app.getPreferredSystemLanguages(), app.getLocale()];
  } catch {
    return [];
  }
};
const ONE_BY_ONE = 3;

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
      const lang = await notificationLanguage(options.dispatch, systemLocales());
      const t = translator(lang);
      // In that language too: the reminders' own lines ("Due in 3 days", "Pay … to save …").
      const result = await options.dispatch('reminders.takeDesktopNotifications', {}, lang);
      if (!result.ok) return;
      const { items } = result.value as { items: ReminderItem[] };
      if (items.length === 0) return;
      if (items.length <= ONE_BY_ONE) {
        for (const item of items) {
          const n = new Notification({ title: notificationTitle(t, item), body: item.message });
          n.on('click', () => open(`/bills/${item.billId}`));
          n.show();
        }
        return;
      }
      const n = new Notification(notificationSummary(t, items));
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

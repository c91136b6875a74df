import { Notification, app, type BrowserWindow } from 'electron';
import type { Dispatch } from '../api/dispatch';
import type { ReminderItem } from '../../shared/api/payables';
import type { Preferences } from '../../shared/api/settings';
import { matchLanguage, translator, type Language, type Translate } from '../../shared/i18n';
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

export function notificationTitle(t: Translate, item: ReminderItem): string {
  const who = item.vendorInvoiceNumber ? `${item.vendorName} ${item.vendorInvoiceNumber}` : item.vendorName;
  return item.kind === 'overdue'
    ? t('notifications.title.overdue', { who })
    : item.kind === 'discount'
      ? t('notifications.title.discount', { who })
      : t('notifications.title.due', { who });
}

/** The summary shown instead when more than a few bills need attention at once. */
export function notificationSummary(
  t: Translate,
  items: readonly ReminderItem[],
): { title: string; body: string } {
  const overdue = items.filter((i) => i.kind === 'overdue').length;
  return {
    title: t('notifications.summary.title', { count: items.length }),
    body: t('notifications.summary.body', { overdue, soon: items.length - overdue }),
  };
}

/**
 * The language of a notification, which no call carries: the one chosen in Preferences, or
 * when that follows the system (or cannot be read), the system's, else English.
 */
export async function notificationLanguage(
  dispatch: Dispatch,
  systemLocales: readonly string[],
): Promise<Language> {
  const settings = await dispatch('settings.get', {});
  const chosen = settings.ok ? (settings.value as { preferences: Preferences }).preferences.language : null;
  return matchLanguage([chosen, ...systemLocales]);
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

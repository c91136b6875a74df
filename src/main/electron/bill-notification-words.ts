import type { Dispatch } from '../api/dispatch';
import type { ReminderItem } from '../../shared/api/payables';
import type { Preferences } from '../../shared/api/settings';
import { matchLanguage, type Language, type Translate } from '../../shared/i18n';

/**
 * The words of the desktop notifications for bills (apart from Electron, so they can be
 * tested): a title per bill, a summary for many, and the language they are shown in.
 */
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

import type { ReactNode } from 'react';
import { DatesProvider } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
// The calendars' month and day names, bundled (no fetch): one dayjs locale per screen language.
import 'dayjs/locale/de';
import 'dayjs/locale/fr';
import 'dayjs/locale/es';

/**
 * Mantine's date pickers in the screen's language: month and day names follow the language
 * chosen in Preferences, and change with it at once (no reload). The date *format* in the
 * field stays the business locale's (DateField), like every other date on screen.
 */
export function ScreenLanguageDates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return <DatesProvider settings={{ locale: i18n.language }}>{children}</DatesProvider>;
}

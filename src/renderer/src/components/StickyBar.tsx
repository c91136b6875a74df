import { Group, Paper } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A bar stuck to the bottom of the page: the total and the save buttons stay in view while editing. */
export function StickyBar({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      shadow="sm"
      p="sm"
      style={{ position: 'sticky', bottom: 8, zIndex: 5 }}
      role="region"
      aria-label={t('common.save')}
    >
      <Group justify="space-between">{children}</Group>
    </Paper>
  );
}

import { Group, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bar stuck to the bottom of the page: the total and the save buttons stay in view while editing. */
export function StickyBar({ children }: { children: ReactNode }) {
  return (
    <Paper
      withBorder
      shadow="sm"
      p="sm"
      style={{ position: 'sticky', bottom: 8, zIndex: 5 }}
      role="region"
      aria-label="Save"
    >
      <Group justify="space-between">{children}</Group>
    </Paper>
  );
}

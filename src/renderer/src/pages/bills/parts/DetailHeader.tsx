import { Group, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The head of a record's page (bill, purchase order, vendor): its title with a status badge,
 * an optional line below, and the actions on the right.
 */
export function DetailHeader({
  title,
  badge,
  subtitle,
  actions,
  section = false,
}: {
  title: ReactNode;
  badge?: ReactNode;
  subtitle?: ReactNode;
  actions: ReactNode;
  /** A page inside the bills section (under its title and tabs) takes a smaller heading. */
  section?: boolean;
}) {
  const heading = (
    <Group gap="sm">
      <Title order={section ? 2 : 1} size={section ? 'h3' : 'h2'}>
        {title}
      </Title>
      {badge}
    </Group>
  );
  return (
    <Group justify="space-between" align={subtitle ? 'flex-start' : undefined}>
      {subtitle ? (
        <Stack gap={4}>
          {heading}
          {subtitle}
        </Stack>
      ) : (
        heading
      )}
      <Group gap="xs">{actions}</Group>
    </Group>
  );
}

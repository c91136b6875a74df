import { EmptyState } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * What a payables list shows before its first record: what the list is for, and the
 * buttons that make the first one. All four lists look alike this way.
 */
export function FirstRecord({
  icon: IconComponent,
  title,
  description,
  children,
}: {
  icon: Icon;
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <EmptyState
      mt="xl"
      icon={<IconComponent size={32} />}
      withIndicatorBackground
      title={title}
      description={description}
    >
      <EmptyState.Actions>{children}</EmptyState.Actions>
    </EmptyState>
  );
}

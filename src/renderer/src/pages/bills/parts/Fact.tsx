import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled fact of a record's summary card (bill date, terms, contact…). */
export function Fact({
  label,
  numeric,
  children,
}: {
  label: string;
  numeric?: boolean;
  children: ReactNode;
}) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text
        size="sm"
        component="div"
        className={numeric ? 'num' : undefined}
        style={numeric ? { textAlign: 'left' } : undefined}
      >
        {children}
      </Text>
    </div>
  );
}

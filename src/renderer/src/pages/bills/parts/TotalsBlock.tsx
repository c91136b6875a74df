import { Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface TotalRow {
  label: string;
  /** The amount, already formatted. */
  value: string;
  /** The last, bold line (total, balance due). */
  strong?: boolean;
  /** A side line in grey (the total in the base currency). */
  dimmed?: boolean;
  /** Names the amount for screen readers and tests. */
  ariaLabel?: string;
}

/**
 * The right-aligned totals under a bill's or order's lines: label and amount, one row each;
 * `children` go between `rows` and `after` (rows that load apart, like a bill's deductions).
 */
export function TotalsBlock({
  label,
  rows,
  after = [],
  children,
}: {
  label?: string;
  rows: TotalRow[];
  after?: TotalRow[];
  children?: ReactNode;
}) {
  return (
    <Stack gap={2} align="flex-end" mt="sm" aria-label={label}>
      {rows.map((r) => (
        <TotalLine key={r.label} row={r} />
      ))}
      {children}
      {after.map((r) => (
        <TotalLine key={r.label} row={r} />
      ))}
    </Stack>
  );
}

function TotalLine({ row: r }: { row: TotalRow }) {
  return (
    <Group gap="xl">
      {r.strong ? (
        <Text fw={600}>{r.label}</Text>
      ) : (
        <Text size="sm" c="dimmed">
          {r.label}
        </Text>
      )}
      <Text
        size={r.strong ? undefined : 'sm'}
        fw={r.strong ? 600 : undefined}
        c={r.dimmed ? 'dimmed' : undefined}
        className="num"
        miw={120}
        aria-label={r.ariaLabel}
      >
        {r.value}
      </Text>
    </Group>
  );
}

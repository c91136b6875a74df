import { Button, Group, Loader, Stack, Table } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { FirstRecord } from './FirstRecord';

/**
 * A payables list of records (purchase orders, recurring bills): a spinner while it loads,
 * the first-record screen while it is empty, else the "New …" button above a table whose
 * numeric columns are right-aligned.
 */
export function RecordList<T extends { id: number }>({
  rows,
  label,
  loadingLabel,
  empty,
  newTo,
  newLabel,
  columns,
  row,
}: {
  rows: T[] | undefined;
  /** "Purchase orders": the table's accessible name. */
  label: string;
  /** "Loading purchase orders". */
  loadingLabel: string;
  empty: { icon: Icon; title: string; description: string };
  newTo: string;
  newLabel: string;
  columns: { header: string; numeric?: boolean }[];
  /** The cells of one row. */
  row: (record: T) => ReactNode;
}) {
  if (!rows) return <Loader aria-label={loadingLabel} />;
  const newButton = (
    <Button component={Link} to={newTo}>
      {newLabel}
    </Button>
  );
  if (rows.length === 0)
    return (
      <FirstRecord icon={empty.icon} title={empty.title} description={empty.description}>
        {newButton}
      </FirstRecord>
    );
  return (
    <Stack gap="sm">
      <Group justify="flex-end">{newButton}</Group>
      <Table aria-label={label} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.header} className={c.numeric ? 'num' : undefined}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>{row(r)}</Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

import { Button, Code, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { DateField } from '../../components/DateField';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../../api/client';
import { useSettings } from '../../app/useSettings';
import { auditLabel } from '../../lib/audit-labels';
import { formatDateTime } from '../../lib/format';
import { ReportFrame } from './ReportFrame';

const ENTITIES = [
  'invoice',
  'quote',
  'credit_note',
  'payment',
  'customer',
  'item',
  'tax',
  'recurring_invoice',
  'business_profile',
  'preferences',
  'number_series',
  'backup',
  'collection_note',
  'collections',
];

function describeChanges(changes: Record<string, unknown>): string {
  return Object.entries(changes)
    .map(([k, v]) => {
      if (k === '_details') return JSON.stringify(v);
      const change = v as { from?: unknown; to?: unknown };
      return `${k}: ${JSON.stringify(change.from ?? null)} → ${JSON.stringify(change.to ?? null)}`;
    })
    .join('; ');
}

/** Every change, who made it and when: filter by kind of record, words, and dates. */
export function AuditLogReport() {
  const { preferences } = useSettings();
  const [entity, setEntity] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 250);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const filters = {
    entity: entity ?? undefined,
    text: debounced || undefined,
    from: from ?? undefined,
    to: to ?? undefined,
    limit: 100,
  };
  const log = useInfiniteQuery({
    queryKey: ['audit', 'viewer', filters],
    queryFn: ({ pageParam }) => call('audit.list', { ...filters, beforeId: pageParam ?? undefined }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBeforeId,
  });
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <ReportFrame
      title="Audit log"
      description="Append-only: every change to your records, with who made it. Nothing here can be edited or deleted."
      controls={
        <Group align="flex-end">
          <Select
            label="Record type"
            placeholder="All"
            clearable
            data={ENTITIES.map((e) => ({ value: e, label: e.replace(/_/g, ' ') }))}
            value={entity}
            onChange={setEntity}
            w={180}
          />
          <TextInput
            label="Contains"
            placeholder="A number, name or value"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={220}
          />
          <DateField
            label="From"
            clearable
            value={from}
            onChange={(d) => setFrom(d ? String(d).slice(0, 10) : null)}
            w={140}
          />
          <DateField
            label="To"
            clearable
            value={to}
            onChange={(d) => setTo(d ? String(d).slice(0, 10) : null)}
            w={140}
          />
        </Group>
      }
    >
      <Table withTableBorder striped aria-label="Audit log" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>When</Table.Th>
            <Table.Th w={110}>Who</Table.Th>
            <Table.Th w={170}>Record</Table.Th>
            <Table.Th w={150}>Action</Table.Th>
            <Table.Th>What changed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{formatDateTime(e.at, preferences.locale)}</Table.Td>
              <Table.Td>{e.user}</Table.Td>
              <Table.Td>
                {e.entity.replace(/_/g, ' ')} <Code>{e.entityId}</Code>
              </Table.Td>
              <Table.Td>{auditLabel(e.action)}</Table.Td>
              <Table.Td>
                <Text size="xs" lineClamp={3} style={{ wordBreak: 'break-word' }}>
                  {describeChanges(e.changes)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {entries.length === 0 && !log.isPending && <Text c="dimmed">No changes match.</Text>}
      {log.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            Show older changes
          </Button>
        </Group>
      )}
    </ReportFrame>
  );
}

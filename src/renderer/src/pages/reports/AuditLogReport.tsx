import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import type { AuditEntry } from '../../../../shared/api/system';
import { auditChanges } from '../../../../shared/domain/audit-view';
import { DateField } from '../../components/DateField';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../../api/client';
import { useSettings } from '../../app/useSettings';
import { auditLabel } from '../../lib/audit-labels';
import { formatDateTime, useFormat } from '../../lib/format';
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

/** Where a record of the log lives, for a link by its number or name. */
function recordPath(entity: string, id: string): string | null {
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) return null;
  const base: Record<string, string> = {
    invoice: '/invoices',
    quote: '/quotes',
    credit_note: '/credit-notes',
    customer: '/customers',
    vendor: '/vendors',
    bill: '/bills',
    recurring_invoice: '/invoices/recurring',
  };
  return base[entity] ? `${base[entity]}/${n}` : null;
}

function Changes({ entry }: { entry: AuditEntry }) {
  const f = useFormat();
  const changes = auditChanges(entry.changes, {
    locale: f.locale,
    baseCurrency: f.baseCurrency,
    money: (minor, currency) => f.money(minor, currency),
    refs: entry.refs,
  });
  if (changes.length === 0) return null;
  return (
    <Stack gap={0}>
      {changes.map((c, i) => (
        <Text size="xs" key={i} style={{ wordBreak: 'break-word' }}>
          <Text span size="xs" fw={600}>
            {c.field}:
          </Text>{' '}
          {c.from ? (
            <>
              {c.from} → {c.to}
            </>
          ) : (
            c.to
          )}
        </Text>
      ))}
    </Stack>
  );
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
      csv={{
        report: 'auditLog',
        entity: entity ?? undefined,
        text: debounced || undefined,
        from: from ?? undefined,
        to: to ?? undefined,
      }}
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
                {recordPath(e.entity, e.entityId) && !e.record.endsWith('(deleted)') ? (
                  <Anchor component={Link} to={recordPath(e.entity, e.entityId)!} size="sm">
                    {e.record}
                  </Anchor>
                ) : (
                  e.record
                )}
              </Table.Td>
              <Table.Td>{auditLabel(e.action)}</Table.Td>
              <Table.Td>
                <Changes entry={e} />
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

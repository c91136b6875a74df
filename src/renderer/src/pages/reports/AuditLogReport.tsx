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
import { formatDateTime, useFormat } from '../../lib/format';
import { ReportFrame } from './ReportFrame';
import { AUDIT_ENTITIES, auditActionLabel } from './audit-words';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation();
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
      title={t('audit.log.title')}
      description={t('audit.log.description')}
      csv={{
        // eslint-disable-next-line i18next/no-literal-string -- the report's id for the export, not text
        report: 'auditLog',
        entity: entity ?? undefined,
        text: debounced || undefined,
        from: from ?? undefined,
        to: to ?? undefined,
      }}
      controls={
        <Group align="flex-end">
          <Select
            label={t('audit.log.recordType')}
            placeholder={t('common.all')}
            clearable
            data={Object.entries(AUDIT_ENTITIES).map(([value, key]) => ({ value, label: t(key) }))}
            value={entity}
            onChange={setEntity}
            w={180}
          />
          <TextInput
            label={t('audit.log.contains')}
            placeholder={t('audit.log.containsPlaceholder')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={220}
          />
          <DateField
            label={t('reports.period.from')}
            clearable
            value={from}
            onChange={(d) => setFrom(d ? String(d).slice(0, 10) : null)}
            w={140}
          />
          <DateField
            label={t('reports.period.to')}
            clearable
            value={to}
            onChange={(d) => setTo(d ? String(d).slice(0, 10) : null)}
            w={140}
          />
        </Group>
      }
    >
      <Table withTableBorder striped aria-label={t('audit.log.title')} verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{t('audit.log.when')}</Table.Th>
            <Table.Th w={110}>{t('audit.log.who')}</Table.Th>
            <Table.Th w={170}>{t('audit.log.record')}</Table.Th>
            <Table.Th w={150}>{t('audit.log.action')}</Table.Th>
            <Table.Th>{t('audit.log.changes')}</Table.Th>
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
              <Table.Td>{auditActionLabel(t, e.action)}</Table.Td>
              <Table.Td>
                <Changes entry={e} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {entries.length === 0 && !log.isPending && <Text c="dimmed">{t('audit.log.empty')}</Text>}
      {log.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t('audit.log.older')}
          </Button>
        </Group>
      )}
    </ReportFrame>
  );
}

import { datePatternOf } from '../../../../shared/domain/dates';
import { Anchor, Button, Chip, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { DocType, DocumentRow } from '../../../../shared/api/documents';
import { STATUS_LABELS, type DisplayStatus } from '../../../../shared/domain/status';
import { call } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { CustomerSelect } from '../../components/CustomerSelect';
import { DataTable, type Column } from '../../components/DataTable';
import { Money, useMoneyFormat } from '../../components/Money';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate } from '../../lib/format';
import { useListShortcuts } from '../../lib/useListShortcuts';
import { DOC, STATUS_FILTERS, docPath } from './labels';

type Sort = 'issueDate' | 'dueDate' | 'number' | 'customer' | 'total' | 'balance';

/**
 * Invoices, quotes or credit notes: search, status chips, customer and date filters (all kept
 * in the URL so a reload or a dashboard link lands on the same list), sortable columns and the
 * totals of the filtered set.
 */
export function DocumentsList({ type }: { type: DocType }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const { preferences } = useSettings();
  const fmt = useMoneyFormat();
  const [params, setParams] = useSearchParams();
  const searchRef = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search, 200);
  const statusParam = params.get('status') ?? '';
  const customerId = params.get('customer') ? Number(params.get('customer')) : null;
  const from = params.get('from');
  const to = params.get('to');
  // eslint-disable-next-line i18next/no-literal-string -- a sort key, not visible text
  const sort = (params.get('sort') as Sort | null) ?? 'issueDate';
  const direction = (params.get('dir') as 'asc' | 'desc' | null) ?? 'desc';
  const label = DOC[type];

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const statuses = useMemo(() => statusParam.split(',').filter(Boolean) as DisplayStatus[], [statusParam]);
  const filters = useMemo(
    () => ({ type, search: debounced, statuses, customerId, from, to }),
    [type, debounced, statuses, customerId, from, to],
  );
  const totals = useApi('documents.totals', filters);
  useListShortcuts({ onNew: () => void navigate(`${label.base}/new`), search: searchRef });

  const columns: Column<DocumentRow>[] = [
    {
      key: 'number',
      header: t('common.number'),
      width: 136,
      sortKey: 'number',
      render: (r) => (
        <Anchor
          component={Link}
          to={docPath(type, r.id)}
          onClick={(e) => e.stopPropagation()}
          size="sm"
          c={r.number ? undefined : 'dimmed'}
        >
          {r.number ?? t('documents.draft')}
        </Anchor>
      ),
    },
    { key: 'customer', header: t('common.customer'), sortKey: 'customer', render: (r) => r.customerName },
    {
      key: 'date',
      header: t('common.date'),
      width: 116,
      // eslint-disable-next-line i18next/no-literal-string -- a sort key, not visible text
      sortKey: 'issueDate',
      render: (r) => formatDate(r.issueDate, preferences.locale),
    },
    {
      key: 'due',
      header: type === 'quote' ? t('documents.list.validUntil') : t('documents.list.due'),
      width: 116,
      // Overdue shows in the status; the due date gives way first on a narrow window.
      hideBelow: 880,
      // eslint-disable-next-line i18next/no-literal-string -- a sort key, not visible text
      sortKey: 'dueDate',
      render: (r) => (r.dueDate ? formatDate(r.dueDate, preferences.locale) : '—'),
    },
    {
      key: 'status',
      header: t('common.status'),
      width: 124,
      render: (r) => <StatusBadge status={r.displayStatus} />,
    },
    {
      key: 'total',
      header: t('common.total'),
      width: 132,
      align: 'right',
      sortKey: 'total',
      render: (r) => fmt(r.total, r.currency),
    },
    ...(type === 'quote'
      ? []
      : [
          {
            key: 'balance',
            header: type === 'credit_note' ? t('documents.creditLeft') : t('documents.list.balance'),
            width: 132,
            align: 'right' as const,
            sortKey: 'balance',
            render: (r: DocumentRow) => fmt(r.balance, r.currency),
          },
        ]),
  ];

  const filtered = !!(debounced || statuses.length || customerId || from || to);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="xs">
          <TextInput
            ref={searchRef}
            aria-label={t('documents.list.search', { type })}
            placeholder={t('documents.list.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              update({ q: e.currentTarget.value });
            }}
            w={340}
          />
          <CustomerSelect
            aria-label={t('documents.list.filterCustomer')}
            placeholder={t('documents.list.anyCustomer')}
            value={customerId}
            onChange={(id) => update({ customer: id ? String(id) : null })}
            includeArchived
            w={220}
          />
          <DatePickerInput
            type="range"
            aria-label={t('documents.list.filterDate')}
            placeholder={t('documents.list.anyDate')}
            clearable
            valueFormat={datePatternOf(preferences.locale).tokens}
            value={[from, to]}
            onChange={([a, b]) =>
              update({ from: a ? String(a).slice(0, 10) : null, to: b ? String(b).slice(0, 10) : null })
            }
            w={240}
          />
        </Group>
        {type !== 'credit_note' && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => void navigate(`${label.base}/new`)}
          >
            {t('documents.name.new', { type })}
          </Button>
        )}
      </Group>
      <Chip.Group multiple value={statuses} onChange={(v) => update({ status: v.join(',') })}>
        <Group gap={6} role="group" aria-label={t('documents.list.filterStatus')}>
          {STATUS_FILTERS[type].map((s) => (
            <Chip key={s} value={s} size="xs" variant="outline">
              {STATUS_LABELS[s]}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <DataTable
        label={t('documents.name.many', { type })}
        queryKey={['documents', 'list', filters, sort, direction]}
        fetchPage={(offset, limit) => call('documents.list', { ...filters, sort, direction, offset, limit })}
        columns={columns}
        rowKey={(r) => r.id}
        onOpen={(r) => void navigate(docPath(type, r.id))}
        sort={{ key: sort, direction }}
        onSort={(key) => update({ sort: key, dir: key === sort && direction === 'desc' ? 'asc' : 'desc' })}
        empty={
          <Paper withBorder p="xl" ta="center">
            {filtered ? (
              <Text>{t('documents.list.noMatch', { type })}</Text>
            ) : type === 'credit_note' ? (
              <Text>{t('documents.list.noCreditNotes')}</Text>
            ) : (
              <Stack align="center" gap="xs">
                <Text>{t('documents.list.noneYet', { type })}</Text>
                <Button onClick={() => void navigate(`${label.base}/new`)}>
                  {t('documents.list.createFirst', { type })}
                </Button>
              </Stack>
            )}
          </Paper>
        }
        footer={
          <Group
            justify="flex-end"
            gap="xl"
            py={6}
            px="xs"
            aria-label={t('documents.list.totals')}
            role="status"
          >
            {(totals.data ?? []).map((sum) => (
              <Group key={sum.currency} gap="md">
                <Text size="sm" c="dimmed">
                  {t('documents.list.countIn', {
                    count: sum.count,
                    shown: sum.count.toLocaleString(preferences.locale),
                    currency: sum.currency,
                  })}
                </Text>
                <Text size="sm">
                  {t('common.total')} <Money amount={sum.total} currency={sum.currency} fw={600} />
                </Text>
                {type !== 'quote' && (
                  <Text size="sm">
                    {type === 'credit_note' ? t('documents.creditLeft') : t('documents.list.balance')}{' '}
                    <Money amount={sum.balance} currency={sum.currency} fw={600} />
                  </Text>
                )}
              </Group>
            ))}
          </Group>
        }
      />
    </Stack>
  );
}

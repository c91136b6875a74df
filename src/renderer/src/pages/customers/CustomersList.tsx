import { Anchor, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CustomerSummary } from '../../../../shared/api/customers';
import { call } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { useMoneyFormat } from '../../components/Money';
import { useListShortcuts } from '../../lib/useListShortcuts';

export function CustomersList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const fmt = useMoneyFormat();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search, 200);
  const searchRef = useRef<HTMLInputElement>(null);
  const includeArchived = params.get('archived') === '1';
  const sort = (params.get('sort') as 'name' | 'balance' | 'created' | null) ?? 'name';
  const direction = (params.get('dir') as 'asc' | 'desc' | null) ?? 'asc';
  useListShortcuts({ onNew: () => void navigate('/customers/new'), search: searchRef });
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  const columns: Column<CustomerSummary>[] = [
    {
      key: 'name',
      header: t('common.name'),
      sortKey: 'name',
      render: (c) => (
        <Anchor
          component={Link}
          to={`/customers/${c.id}`}
          size="sm"
          onClick={(e) => e.stopPropagation()}
          c={c.archived ? 'dimmed' : undefined}
        >
          {c.name}
          {c.archived ? ` ${t('customers.list.archivedSuffix')}` : ''}
        </Anchor>
      ),
    },
    { key: 'contact', header: t('customers.list.contact'), render: (c) => c.contactPerson },
    { key: 'email', header: t('customers.list.billingEmail'), render: (c) => c.billingEmail },
    { key: 'currency', header: t('common.currency'), width: 90, render: (c) => c.currency },
    {
      key: 'balance',
      header: t('customers.list.openBalance'),
      width: 170,
      align: 'right',
      sortKey: 'balance',
      render: (c) => (c.balances.length ? c.balances.map((b) => fmt(b.amount, b.currency)).join(' + ') : '—'),
    },
    {
      key: 'overdue',
      header: t('customers.list.overdue'),
      width: 130,
      align: 'right',
      render: (c) =>
        c.overdue > 0 ? (
          <Text c="red" size="sm" className="num">
            {fmt(c.overdue, c.balances[0]?.currency ?? c.currency)}
          </Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('nav.customers')}
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => void navigate('/customers/new')}>
          {t('palette.newCustomer')}
        </Button>
      </Group>
      <Group>
        <TextInput
          ref={searchRef}
          aria-label={t('customers.list.search')}
          placeholder={t('customers.list.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            set('q', e.currentTarget.value);
          }}
          w={380}
        />
        <Checkbox
          label={t('items.showArchived')}
          checked={includeArchived}
          onChange={(e) => set('archived', e.currentTarget.checked ? '1' : null)}
        />
      </Group>
      <DataTable
        label={t('nav.customers')}
        queryKey={['customers', 'list', debounced, includeArchived, sort, direction]}
        fetchPage={(offset, limit) =>
          call('customers.list', { search: debounced, includeArchived, sort, direction, offset, limit })
        }
        columns={columns}
        rowKey={(c) => c.id}
        onOpen={(c) => void navigate(`/customers/${c.id}`)}
        sort={{ key: sort, direction }}
        onSort={(key) => {
          const next = new URLSearchParams(params);
          next.set('sort', key);
          next.set('dir', key === sort && direction === 'asc' ? 'desc' : 'asc');
          setParams(next, { replace: true });
        }}
        empty={
          <Paper withBorder p="xl" ta="center">
            {debounced ? (
              <Text>{t('customers.list.noMatch', { search: debounced })}</Text>
            ) : (
              <Stack align="center" gap="xs">
                <Text>{t('customers.list.empty')}</Text>
                <Button onClick={() => void navigate('/customers/new')}>
                  {t('customers.list.addFirst')}
                </Button>
              </Stack>
            )}
          </Paper>
        }
      />
    </Stack>
  );
}

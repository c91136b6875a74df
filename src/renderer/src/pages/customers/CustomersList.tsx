import { Anchor, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CustomerSummary } from '../../../../shared/api/customers';
import { call } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { useMoneyFormat } from '../../components/Money';
import { useListShortcuts } from '../../lib/useListShortcuts';

export function CustomersList() {
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
      header: 'Name',
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
          {c.archived ? ' (archived)' : ''}
        </Anchor>
      ),
    },
    { key: 'contact', header: 'Contact', render: (c) => c.contactPerson },
    { key: 'email', header: 'Billing email', render: (c) => c.billingEmail },
    { key: 'currency', header: 'Currency', width: 90, render: (c) => c.currency },
    {
      key: 'balance',
      header: 'Open balance',
      width: 170,
      align: 'right',
      sortKey: 'balance',
      render: (c) => (c.balances.length ? c.balances.map((b) => fmt(b.amount, b.currency)).join(' + ') : '—'),
    },
    {
      key: 'overdue',
      header: 'Overdue',
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
          Customers
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => void navigate('/customers/new')}>
          New customer
        </Button>
      </Group>
      <Group>
        <TextInput
          ref={searchRef}
          aria-label="Search customers"
          placeholder="Search name, contact, email or tax number  ( / )"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            set('q', e.currentTarget.value);
          }}
          w={380}
        />
        <Checkbox
          label="Show archived"
          checked={includeArchived}
          onChange={(e) => set('archived', e.currentTarget.checked ? '1' : null)}
        />
      </Group>
      <DataTable
        label="Customers"
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
              <Text>No customer matches “{debounced}”.</Text>
            ) : (
              <Stack align="center" gap="xs">
                <Text>No customers yet.</Text>
                <Button onClick={() => void navigate('/customers/new')}>Add your first customer</Button>
              </Stack>
            )}
          </Paper>
        }
      />
    </Stack>
  );
}

import { useTranslation } from 'react-i18next';
import { Group, Pagination, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { BILL_LIST_FILTERS } from '../../../../shared/api/payables';
import { BILL_FILTER } from './parts/labels';
import { useApi } from '../../api/hooks';
import { BillTable } from './parts/BillTable';
import { useFormat } from './parts/format';

const PAGE = 50;
type Filter = (typeof BILL_LIST_FILTERS)[number];

/** Every bill, newest first, with status filters, search and totals for the filtered set. */
export function AllBillsPage() {
  const { money } = useFormat();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = (BILL_LIST_FILTERS as readonly string[]).includes(params.get('filter') ?? '')
    ? (params.get('filter') as Filter)
    : 'all';
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const [page, setPage] = useState(1);
  const searchRef = useRef<HTMLInputElement>(null);
  useHotkeys([['/', () => searchRef.current?.focus()]]);
  const list = useApi('bills.list', { filter, search: debounced, limit: PAGE, offset: (page - 1) * PAGE });
  const d = list.data;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <SegmentedControl
          aria-label={t('bills.list.show')}
          size="xs"
          value={filter}
          onChange={(f) => {
            setPage(1);
            setParams(f === 'all' ? {} : { filter: f });
          }}
          data={BILL_LIST_FILTERS.map((f) => ({ value: f, label: t(BILL_FILTER[f]) }))}
        />
        <TextInput
          ref={searchRef}
          aria-label={t('bills.list.search')}
          placeholder={t('bills.list.searchHint')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => {
            setPage(1);
            setSearch(e.currentTarget.value);
          }}
          w={320}
        />
      </Group>
      {d && d.rows.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          {t('bills.list.noMatch')}
        </Text>
      ) : (
        d && (
          <BillTable
            rows={d.rows}
            label={t('bills.list.label')}
            showBillDate
            footer={d.totals.map((row, i) => (
              <Table.Tr key={row.currency}>
                <Table.Th colSpan={5}>
                  {i === 0 ? t('bills.list.count', { count: d.count }) : ''}
                  {d.totals.length > 1
                    ? `${i === 0 ? ' · ' : ''}${t('bills.list.totalIn', { currency: row.currency })}`
                    : ''}
                </Table.Th>
                <Table.Th className="num">{money(row.total, row.currency)}</Table.Th>
                <Table.Th className="num">{money(row.balance, row.currency)}</Table.Th>
              </Table.Tr>
            ))}
          />
        )
      )}
      {d && d.count > PAGE && (
        <Pagination
          total={Math.ceil(d.count / PAGE)}
          value={page}
          onChange={setPage}
          size="sm"
          aria-label={t('bills.list.pages')}
        />
      )}
    </Stack>
  );
}

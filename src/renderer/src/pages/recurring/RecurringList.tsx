import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { Money } from '../../components/Money';
import { formatDate } from '../../lib/format';
import { useListShortcuts } from '../../lib/useListShortcuts';

/** Recurring invoices: what repeats, when next, and whether it is paused. */
export function RecurringList() {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const { preferences } = useSettings();
  const list = useApi('recurring.list', {});
  useListShortcuts({ onNew: () => void navigate('/invoices/recurring/new') });
  const rows = list.data ?? [];
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button onClick={() => void navigate('/invoices/recurring/new')}>{t('recurring.new')}</Button>
      </Group>
      {rows.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Stack align="center" gap="xs">
            <Text>{t('recurring.list.empty')}</Text>
            <Button onClick={() => void navigate('/invoices/recurring/new')}>
              {t('recurring.list.create')}
            </Button>
          </Stack>
        </Paper>
      ) : (
        <Table withTableBorder highlightOnHover aria-label={t('recurring.list.label')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.name')}</Table.Th>
              <Table.Th>{t('common.customer')}</Table.Th>
              <Table.Th>{t('recurring.schedule.title')}</Table.Th>
              <Table.Th>{t('recurring.list.next')}</Table.Th>
              <Table.Th>{t('recurring.list.each')}</Table.Th>
              <Table.Th className="num">{t('common.amount')}</Table.Th>
              <Table.Th>{t('recurring.list.made')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr
                key={r.id}
                onClick={() => void navigate(`/invoices/recurring/${r.id}`)}
                style={{ cursor: 'pointer' }}
              >
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/invoices/recurring/${r.id}`}
                    onClick={(e) => e.stopPropagation()}
                  >
                    {r.name}
                  </Anchor>{' '}
                  {r.paused && (
                    <Badge color="gray" variant="outline" size="sm">
                      {t('recurring.list.paused')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{r.customerName}</Table.Td>
                <Table.Td>{r.description}</Table.Td>
                <Table.Td>
                  {r.upcoming[0]
                    ? formatDate(r.upcoming[0].date, preferences.locale)
                    : r.paused
                      ? t('recurring.list.paused')
                      : t('recurring.list.finished')}
                </Table.Td>
                <Table.Td>
                  {r.mode === 'issue' ? t('recurring.list.issued') : t('recurring.list.draft')}
                </Table.Td>
                <Table.Td className="num">
                  <Money amount={r.total} currency={r.currency} size="sm" />
                </Table.Td>
                <Table.Td>{r.generated}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { Money } from '../../components/Money';
import { formatDate } from '../../lib/format';
import { useListShortcuts } from '../../lib/useListShortcuts';

/** Recurring invoices: what repeats, when next, and whether it is paused. */
export function RecurringList() {
  const navigate = useNavigate();
  const { preferences } = useSettings();
  const list = useApi('recurring.list', {});
  useListShortcuts({ onNew: () => void navigate('/invoices/recurring/new') });
  const rows = list.data ?? [];
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button onClick={() => void navigate('/invoices/recurring/new')}>New recurring invoice</Button>
      </Group>
      {rows.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Stack align="center" gap="xs">
            <Text>
              No recurring invoices yet. Bill a retainer, a subscription or rent on a schedule, and Folio
              makes each invoice on its date.
            </Text>
            <Button onClick={() => void navigate('/invoices/recurring/new')}>
              Create a recurring invoice
            </Button>
          </Stack>
        </Paper>
      ) : (
        <Table withTableBorder highlightOnHover aria-label="Recurring invoices">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Customer</Table.Th>
              <Table.Th>Schedule</Table.Th>
              <Table.Th>Next</Table.Th>
              <Table.Th>Each occurrence</Table.Th>
              <Table.Th className="num">Amount</Table.Th>
              <Table.Th>Made</Table.Th>
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
                      Paused
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{r.customerName}</Table.Td>
                <Table.Td>{r.description}</Table.Td>
                <Table.Td>
                  {r.upcoming[0]
                    ? formatDate(r.upcoming[0].date, preferences.locale)
                    : r.paused
                      ? 'Paused'
                      : 'Finished'}
                </Table.Td>
                <Table.Td>{r.mode === 'issue' ? 'Issued automatically' : 'Draft for review'}</Table.Td>
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

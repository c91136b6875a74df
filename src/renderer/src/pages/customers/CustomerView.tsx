import { Loaded } from '../../components/PageState';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { DocType } from '../../../../shared/api/documents';
import { addressLines } from '../../../../shared/domain/address';
import { describeTerms } from '../../../../shared/domain/terms';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { Money } from '../../components/Money';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate } from '../../lib/format';
import { DOC, docPath } from '../documents/labels';
import { PaymentsList } from '../payments/PaymentsList';
import { RecordPaymentModal } from '../payments/RecordPaymentModal';
import { StatementButton } from '../document-output/Mounts';

export function CustomerViewPage() {
  const { id } = useParams();
  const data = useApi('customers.get', { id: Number(id) });
  return <Loaded query={data}>{(d) => <CustomerView data={d} />}</Loaded>;
}

function DocumentsOf({ customerId, type, open }: { customerId: number; type: DocType; open?: boolean }) {
  const { preferences } = useSettings();
  const list = useApi('documents.list', {
    type,
    customerId,
    statuses: open ? ['issued', 'partially_paid', 'overdue'] : [],
    limit: 200,
    sort: open ? 'dueDate' : 'issueDate',
    direction: open ? 'asc' : 'desc',
  });
  const rows = list.data?.rows ?? [];
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed" p="md">
        {open ? 'Nothing open: every invoice is paid.' : `No ${DOC[type].many.toLowerCase()} yet.`}
      </Text>
    );
  return (
    <Table aria-label={open ? 'Open invoices' : DOC[type].many} highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Number</Table.Th>
          <Table.Th>Date</Table.Th>
          <Table.Th>Due</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th className="num">Total</Table.Th>
          {type !== 'quote' && <Table.Th className="num">Balance</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>
              <Anchor component={Link} to={docPath(type, d.id)} size="sm">
                {d.number ?? 'Draft'}
              </Anchor>
            </Table.Td>
            <Table.Td>{formatDate(d.issueDate, preferences.locale)}</Table.Td>
            <Table.Td>{d.dueDate ? formatDate(d.dueDate, preferences.locale) : '—'}</Table.Td>
            <Table.Td>
              <StatusBadge status={d.displayStatus} />
            </Table.Td>
            <Table.Td className="num">
              <Money amount={d.total} currency={d.currency} size="sm" />
            </Table.Td>
            {type !== 'quote' && (
              <Table.Td className="num">
                <Money amount={d.balance} currency={d.currency} size="sm" />
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function CustomerView({ data }: { data: NonNullable<ReturnType<typeof useApi<'customers.get'>>['data']> }) {
  const { customer, balances, credit } = data;
  const navigate = useNavigate();
  const [paying, setPaying] = useState(false);
  const archive = useApiMutation('customers.setArchived', { invalidates: ['customers', 'recurring'] });
  const remove = useApiMutation('customers.delete', {
    invalidates: ['customers'],
    success: `${customer.name} deleted.`,
  });

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Anchor component={Link} to="/customers" size="sm">
            ← Customers
          </Anchor>
          <Group gap="xs">
            <Title order={1} size="h2">
              {customer.name}
            </Title>
            {customer.archived && (
              <Badge color="gray" variant="outline">
                Archived
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {[customer.contactPerson, customer.emails.find((e) => e.billing)?.email, customer.phone]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Stack>
        <Group>
          <Button variant="default" onClick={() => void navigate(`/customers/${customer.id}/edit`)}>
            Edit
          </Button>
          {!customer.archived && (
            <Button onClick={() => void navigate(`/invoices/new?customer=${customer.id}`)}>
              New invoice
            </Button>
          )}
          <Button variant="light" onClick={() => setPaying(true)}>
            Record payment
          </Button>
          <StatementButton customerId={customer.id} customerName={customer.name} />
          {customer.hasDocuments ? (
            <Button
              variant="subtle"
              color="gray"
              onClick={() =>
                archive.mutate({ id: customer.id, archived: !customer.archived }, { onError: notifyError })
              }
            >
              {customer.archived ? 'Unarchive' : 'Archive'}
            </Button>
          ) : (
            <Button
              variant="subtle"
              color="red"
              onClick={() =>
                modals.openConfirmModal({
                  title: `Delete ${customer.name}?`,
                  children: (
                    <Text size="sm">They have no documents or payments, so nothing else is affected.</Text>
                  ),
                  labels: { confirm: 'Delete', cancel: 'Cancel' },
                  confirmProps: { color: 'red' },
                  onConfirm: () =>
                    remove.mutate(
                      { id: customer.id },
                      { onSuccess: () => void navigate('/customers'), onError: notifyError },
                    ),
                })
              }
            >
              Delete
            </Button>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder>
          <Text size="xs" c="dimmed" tt="uppercase">
            Open balance
          </Text>
          {balances.length === 0 ? (
            <Text fw={700} size="xl">
              Nothing owed
            </Text>
          ) : (
            balances.map((b) => (
              <Stack gap={0} key={b.currency}>
                <Money
                  amount={b.amount}
                  currency={b.currency}
                  fw={700}
                  size="xl"
                  aria-label={`Open balance ${b.currency}`}
                />
                {b.overdue > 0 && (
                  <Text size="sm" c="red">
                    of which overdue <Money amount={b.overdue} currency={b.currency} size="sm" />
                  </Text>
                )}
              </Stack>
            ))
          )}
        </Card>
        <Card withBorder>
          <Text size="xs" c="dimmed" tt="uppercase">
            Credit available
          </Text>
          {credit.length === 0 ? (
            <Text fw={700} size="xl">
              None
            </Text>
          ) : (
            credit.map((c) => (
              <Money
                key={c.currency}
                amount={c.amount}
                currency={c.currency}
                fw={700}
                size="xl"
                aria-label={`Credit ${c.currency}`}
              />
            ))
          )}
          <Text size="xs" c="dimmed">
            Overpayments and unused credit notes; apply them from a credit note or a payment.
          </Text>
        </Card>
        <Card withBorder>
          <Text size="xs" c="dimmed" tt="uppercase">
            Billing
          </Text>
          {addressLines(customer.billingAddress).map((l) => (
            <Text size="sm" key={l}>
              {l}
            </Text>
          ))}
          <Text size="sm" mt={4}>
            {customer.currency} · {describeTerms(customer.paymentTerms)}
            {customer.taxNumber ? ` · VAT ${customer.taxNumber}` : ''}
          </Text>
        </Card>
      </SimpleGrid>
      {customer.notes && (
        <Alert variant="light" color="gray" title="Notes">
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {customer.notes}
          </Text>
        </Alert>
      )}
      <Tabs defaultValue="open">
        <Tabs.List>
          <Tabs.Tab value="open">Open invoices</Tabs.Tab>
          <Tabs.Tab value="invoices">All invoices</Tabs.Tab>
          <Tabs.Tab value="quotes">Quotes</Tabs.Tab>
          <Tabs.Tab value="credit">Credit notes</Tabs.Tab>
          <Tabs.Tab value="payments">Payments</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="open">
          <DocumentsOf customerId={customer.id} type="invoice" open />
        </Tabs.Panel>
        <Tabs.Panel value="invoices">
          <DocumentsOf customerId={customer.id} type="invoice" />
        </Tabs.Panel>
        <Tabs.Panel value="quotes">
          <DocumentsOf customerId={customer.id} type="quote" />
        </Tabs.Panel>
        <Tabs.Panel value="credit">
          <DocumentsOf customerId={customer.id} type="credit_note" />
        </Tabs.Panel>
        <Tabs.Panel value="payments" pt="sm">
          <PaymentsList customerId={customer.id} />
        </Tabs.Panel>
      </Tabs>
      {paying && <RecordPaymentModal opened onClose={() => setPaying(false)} customerId={customer.id} />}
    </Stack>
  );
}

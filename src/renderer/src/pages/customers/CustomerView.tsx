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
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { DocType } from '../../../../shared/api/documents';
import { addressLines } from '../../../../shared/domain/address';
import type { PaymentTerms } from '../../../../shared/domain/terms';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { Money } from '../../components/Money';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate } from '../../lib/format';
import { docPath } from '../documents/labels';
import { PaymentsList } from '../payments/PaymentsList';
import { RecordPaymentModal } from '../payments/RecordPaymentModal';
import { StatementButton } from '../document-output/Mounts';

/** "Net 30", "Netto 30 Tage", in the screen's language. */
function describeTerms(terms: PaymentTerms, t: TFunction): string {
  if (terms.kind === 'on_receipt') return t('components.terms.onReceipt');
  if (terms.kind === 'net') return t('customers.view.termsNet', { days: terms.days });
  return terms.days === 0
    ? t('customers.view.termsEom')
    : t('customers.view.termsEomPlus', { days: terms.days });
}

export function CustomerViewPage() {
  const { id } = useParams();
  const data = useApi('customers.get', { id: Number(id) });
  return <Loaded query={data}>{(d) => <CustomerView data={d} />}</Loaded>;
}

function DocumentsOf({ customerId, type, open }: { customerId: number; type: DocType; open?: boolean }) {
  const { t } = useTranslation();
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
        {open ? t('customers.view.nothingOpen') : t('customers.view.noDocuments', { type })}
      </Text>
    );
  return (
    <Table
      aria-label={open ? t('customers.view.openInvoices') : t('customers.view.documents', { type })}
      highlightOnHover
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('common.number')}</Table.Th>
          <Table.Th>{t('common.date')}</Table.Th>
          <Table.Th>{t('customers.view.due')}</Table.Th>
          <Table.Th>{t('common.status')}</Table.Th>
          <Table.Th className="num">{t('common.total')}</Table.Th>
          {type !== 'quote' && <Table.Th className="num">{t('customers.view.balance')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>
              <Anchor component={Link} to={docPath(type, d.id)} size="sm">
                {d.number ?? t('status.document.draft')}
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
  const { t } = useTranslation();
  const { customer, balances, credit } = data;
  const navigate = useNavigate();
  const [paying, setPaying] = useState(false);
  const archive = useApiMutation('customers.setArchived', { invalidates: ['customers', 'recurring'] });
  const remove = useApiMutation('customers.delete', {
    invalidates: ['customers'],
    success: t('customers.view.deleted', { name: customer.name }),
  });

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Anchor component={Link} to="/customers" size="sm">
            ← {t('nav.customers')}
          </Anchor>
          <Group gap="xs">
            <Title order={1} size="h2">
              {customer.name}
            </Title>
            {customer.archived && (
              <Badge color="gray" variant="outline">
                {t('customers.view.archived')}
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
            {t('common.edit')}
          </Button>
          {!customer.archived && (
            <Button onClick={() => void navigate(`/invoices/new?customer=${customer.id}`)}>
              {t('palette.newInvoice')}
            </Button>
          )}
          <Button variant="light" onClick={() => setPaying(true)}>
            {t('customers.view.recordPayment')}
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
              {customer.archived ? t('customers.view.unarchive') : t('customers.view.archive')}
            </Button>
          ) : (
            <Button
              variant="subtle"
              color="red"
              onClick={() =>
                modals.openConfirmModal({
                  title: t('customers.view.deleteTitle', { name: customer.name }),
                  children: <Text size="sm">{t('customers.view.deleteText')}</Text>,
                  labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
                  confirmProps: { color: 'red' },
                  onConfirm: () =>
                    remove.mutate(
                      { id: customer.id },
                      { onSuccess: () => void navigate('/customers'), onError: notifyError },
                    ),
                })
              }
            >
              {t('common.delete')}
            </Button>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder>
          <Text size="xs" c="dimmed" tt="uppercase">
            {t('customers.list.openBalance')}
          </Text>
          {balances.length === 0 ? (
            <Text fw={700} size="xl">
              {t('customers.view.nothingOwed')}
            </Text>
          ) : (
            balances.map((b) => (
              <Stack gap={0} key={b.currency}>
                <Money
                  amount={b.amount}
                  currency={b.currency}
                  fw={700}
                  size="xl"
                  aria-label={t('customers.view.openBalanceIn', { currency: b.currency })}
                />
                {b.overdue > 0 && (
                  <Text size="sm" c="red">
                    {t('customers.view.ofWhichOverdue')}{' '}
                    <Money amount={b.overdue} currency={b.currency} size="sm" />
                  </Text>
                )}
              </Stack>
            ))
          )}
        </Card>
        <Card withBorder>
          <Text size="xs" c="dimmed" tt="uppercase">
            {t('customers.view.credit')}
          </Text>
          {credit.length === 0 ? (
            <Text fw={700} size="xl">
              {t('common.none')}
            </Text>
          ) : (
            credit.map((c) => (
              <Money
                key={c.currency}
                amount={c.amount}
                currency={c.currency}
                fw={700}
                size="xl"
                aria-label={t('customers.view.creditIn', { currency: c.currency })}
              />
            ))
          )}
          <Text size="xs" c="dimmed">
            {t('customers.view.creditHint')}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="xs" c="dimmed" tt="uppercase">
            {t('customers.form.billing')}
          </Text>
          {addressLines(customer.billingAddress).map((l) => (
            <Text size="sm" key={l}>
              {l}
            </Text>
          ))}
          <Text size="sm" mt={4}>
            {customer.currency} · {describeTerms(customer.paymentTerms, t)}
            {customer.taxNumber ? ` · ${t('customers.view.vat', { number: customer.taxNumber })}` : ''}
          </Text>
        </Card>
      </SimpleGrid>
      {customer.notes && (
        <Alert variant="light" color="gray" title={t('common.notes')}>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {customer.notes}
          </Text>
        </Alert>
      )}
      <Tabs defaultValue="open">
        <Tabs.List>
          <Tabs.Tab value="open">{t('customers.view.openInvoices')}</Tabs.Tab>
          <Tabs.Tab value="invoices">{t('customers.view.allInvoices')}</Tabs.Tab>
          <Tabs.Tab value="quotes">{t('nav.quotes')}</Tabs.Tab>
          <Tabs.Tab value="credit">{t('customers.view.creditNotes')}</Tabs.Tab>
          <Tabs.Tab value="payments">{t('customers.view.payments')}</Tabs.Tab>
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

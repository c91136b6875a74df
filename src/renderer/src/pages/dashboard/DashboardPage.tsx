import {
  Anchor,
  Card,
  Center,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { Money } from '../../components/Money';
import { formatDate } from '../../lib/format';
import { addDays } from '../../../../shared/domain/dates';
import { CashflowChart } from '../reports/CashflowChart';

/** A figure that opens the list behind it. */
function StatCard({
  label,
  to,
  children,
  hint,
}: {
  label: string;
  to: string;
  children: ReactNode;
  hint?: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <UnstyledButton onClick={() => void navigate(to)} aria-label={label} style={{ display: 'block' }}>
      <Card withBorder padding="md" h="100%" style={{ cursor: 'pointer' }}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        {children}
        {hint && (
          <Text size="xs" c="dimmed" mt={4}>
            {hint}
          </Text>
        )}
      </Card>
    </UnstyledButton>
  );
}

/** Where the money is: what is owed, what is late, what came in, and the next 13 weeks. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { preferences } = useSettings();
  const d = useApi('dashboard.summary', {});
  if (!d.data)
    return (
      <Center h={300}>
        <Loader aria-label={t('dashboard.loading')} />
      </Center>
    );
  const s = d.data;
  const c = s.currency;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('dashboard.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, md: 3, lg: 5 }}>
        <StatCard
          label={t('dashboard.receivable')}
          to="/invoices?status=issued,partially_paid,overdue"
          hint={t('dashboard.receivableHint')}
        >
          <Money amount={s.receivable} currency={c} fw={700} size="xl" />
        </StatCard>
        <StatCard
          label={t('dashboard.overdueReceivable')}
          to="/invoices?status=overdue"
          hint={t('dashboard.overdueInvoices', { count: s.overdue.count })}
        >
          <Money
            amount={s.overdue.amount}
            currency={c}
            fw={700}
            size="xl"
            c={s.overdue.amount > 0 ? 'red' : undefined}
          />
        </StatCard>
        <StatCard
          label={t('dashboard.receivedThisMonth')}
          to="/invoices/payments"
          hint={t('dashboard.since', { date: formatDate(`${s.today.slice(0, 7)}-01`, preferences.locale) })}
        >
          <Money amount={s.receivedThisMonth} currency={c} fw={700} size="xl" c="teal" />
        </StatCard>
        <StatCard
          label={t('dashboard.billsDueSoon')}
          to="/bills"
          hint={t('dashboard.billsDueSoonHint', {
            count: s.billsDueSoon.count,
            date: formatDate(addDays(s.today, 7), preferences.locale),
          })}
        >
          <Money amount={s.billsDueSoon.amount} currency={c} fw={700} size="xl" />
        </StatCard>
        <StatCard
          label={t('dashboard.overdueBills')}
          to="/bills/all?filter=overdue"
          hint={t('dashboard.overdueBillsHint', { count: s.billsOverdue.count })}
        >
          <Money
            amount={s.billsOverdue.amount}
            currency={c}
            fw={700}
            size="xl"
            c={s.billsOverdue.amount > 0 ? 'red' : undefined}
          />
        </StatCard>
      </SimpleGrid>
      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {t('dashboard.cashflow')}
          </Title>
          <Anchor component={Link} to="/reports/cashflow" size="sm">
            {t('dashboard.openForecast')}
          </Anchor>
        </Group>
        <CashflowChart weeks={s.cashflow} currency={c} />
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              {t('dashboard.mostOverdue')}
            </Title>
            <Anchor component={Link} to="/reports/collections" size="sm">
              {t('dashboard.collections')}
            </Anchor>
          </Group>
          {s.mostOverdue.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('dashboard.nobodyLate')}
            </Text>
          ) : (
            <Table aria-label={t('dashboard.mostOverdue')}>
              <Table.Tbody>
                {s.mostOverdue.map((m) => (
                  <Table.Tr key={m.customerId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/customers/${m.customerId}`} size="sm">
                        {m.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {t('dashboard.daysLate', { count: m.daysOverdue })}
                      </Text>
                    </Table.Td>
                    <Table.Td className="num">
                      <Money amount={m.amount} currency={c} size="sm" c="red" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('dashboard.nextRecurring')}
          </Title>
          {s.nextRecurring.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('dashboard.nothingRecurring')}
            </Text>
          ) : (
            <Table aria-label={t('dashboard.nextRecurring')}>
              <Table.Tbody>
                {s.nextRecurring.map((r) => (
                  <Table.Tr key={`${r.kind}-${r.id}`}>
                    <Table.Td>{formatDate(r.date, preferences.locale)}</Table.Td>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={r.kind === 'invoice' ? `/invoices/recurring/${r.id}` : `/bills/recurring/${r.id}`}
                        size="sm"
                      >
                        {r.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td className="num">
                      <Money amount={r.kind === 'bill' ? -r.amount : r.amount} currency={c} size="sm" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

import { Stack, Tabs, Title } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import { DocumentsList } from './DocumentsList';
import { RecurringList } from '../recurring/RecurringList';
import { PaymentsList } from '../payments/PaymentsList';

const TABS = [
  { value: '/invoices', label: 'Invoices' },
  { value: '/invoices/credit-notes', label: 'Credit notes' },
  { value: '/invoices/recurring', label: 'Recurring' },
  { value: '/invoices/payments', label: 'Payments received' },
];

/** Invoices and what belongs with them: credit notes, recurring schedules, payments received. */
export function InvoicesPage() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  return (
    <Stack>
      <Title order={1} size="h2">
        Invoices
      </Title>
      <Tabs value={pathname} onChange={(v) => v && void navigate(v)}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {pathname === '/invoices/credit-notes' ? (
        <DocumentsList type="credit_note" key="credit_note" />
      ) : pathname === '/invoices/recurring' ? (
        <RecurringList />
      ) : pathname === '/invoices/payments' ? (
        <PaymentsList />
      ) : (
        <DocumentsList type="invoice" key="invoice" />
      )}
    </Stack>
  );
}

export function QuotesPage() {
  return (
    <Stack>
      <Title order={1} size="h2">
        Quotes
      </Title>
      <DocumentsList type="quote" />
    </Stack>
  );
}

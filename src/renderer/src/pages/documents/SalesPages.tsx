import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { DocumentsList } from './DocumentsList';
import { RecurringList } from '../recurring/RecurringList';
import { PaymentsList } from '../payments/PaymentsList';

const TABS = [
  { value: '/invoices', label: 'documents.tabs.invoices' },
  { value: '/invoices/credit-notes', label: 'documents.tabs.creditNotes' },
  { value: '/invoices/recurring', label: 'documents.tabs.recurring' },
  { value: '/invoices/payments', label: 'documents.tabs.payments' },
] as const;

/** Invoices and what belongs with them: credit notes, recurring schedules, payments received. */
export function InvoicesPage() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('documents.name.many', { type: 'invoice' })}
      </Title>
      <Tabs value={pathname} onChange={(v) => v && void navigate(v)}>
        <Tabs.List>
          {TABS.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {t(tab.label)}
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
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('documents.name.many', { type: 'quote' })}
      </Title>
      <DocumentsList type="quote" />
    </Stack>
  );
}

import { Spotlight, type SpotlightActionData } from '@mantine/spotlight';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconCash,
  IconDatabaseExport,
  IconFileInvoice,
  IconFilePlus,
  IconKeyboard,
  IconSearch,
  IconUser,
  IconUserPlus,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { NAV_ITEMS } from './navigation';
import { docPath } from '../pages/documents/labels';
import { billCommands } from '../pages/bills/commands';

/** Ctrl/Cmd+K: every page, every app action, and any customer or document, found by typing. */
export function CommandPalette() {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 150);
  const searching = debounced.length >= 2;
  const customers = useApi('customers.list', { search: debounced, limit: 5 }, { enabled: searching });
  const invoices = useApi(
    'documents.list',
    { type: 'invoice', search: debounced, limit: 5 },
    { enabled: searching },
  );
  const quotes = useApi(
    'documents.list',
    { type: 'quote', search: debounced, limit: 3 },
    { enabled: searching },
  );

  const go = (to: string) => () => void navigate(to);
  const actions: SpotlightActionData[] = [
    ...NAV_ITEMS.map((item) => ({
      id: `go:${item.to}`,
      label: t('palette.goTo', { page: t(item.label) }),
      group: t('palette.groups.goTo'),
      leftSection: <item.icon size={18} aria-hidden />,
      onClick: go(item.to),
    })),
    {
      id: 'new-invoice',
      label: t('palette.newInvoice'),
      group: t('palette.groups.actions'),
      leftSection: <IconFilePlus size={18} aria-hidden />,
      onClick: go('/invoices/new'),
    },
    {
      id: 'new-quote',
      label: t('palette.newQuote'),
      group: t('palette.groups.actions'),
      leftSection: <IconFilePlus size={18} aria-hidden />,
      onClick: go('/quotes/new'),
    },
    {
      id: 'new-customer',
      label: t('palette.newCustomer'),
      group: t('palette.groups.actions'),
      leftSection: <IconUserPlus size={18} aria-hidden />,
      onClick: go('/customers/new'),
    },
    {
      id: 'payments',
      label: t('palette.recordPayment'),
      group: t('palette.groups.actions'),
      leftSection: <IconCash size={18} aria-hidden />,
      onClick: go('/invoices/payments'),
    },
    {
      id: 'recurring',
      label: t('palette.newRecurring'),
      group: t('palette.groups.actions'),
      leftSection: <IconFilePlus size={18} aria-hidden />,
      onClick: go('/invoices/recurring/new'),
    },
    ...billCommands((to) => void navigate(to)),
    {
      id: 'backup-now',
      label: t('palette.backUpNow'),
      group: t('palette.groups.actions'),
      leftSection: <IconDatabaseExport size={18} aria-hidden />,
      onClick: () => {
        call('backups.create', {}).then(
          (b) => notifications.show({ color: 'green', message: t('palette.backupSaved', { name: b.name }) }),
          (e: Error) => notifications.show({ color: 'red', message: e.message }),
        );
      },
    },
    {
      id: 'shortcuts',
      label: t('palette.shortcuts'),
      group: t('palette.groups.help'),
      leftSection: <IconKeyboard size={18} aria-hidden />,
      onClick: go('/help'),
    },
  ];
  // Records found by the search carry the query in their keywords so the palette's own filter keeps them.
  const found: SpotlightActionData[] = searching
    ? [
        ...(customers.data?.rows ?? []).map((c) => ({
          id: `customer:${c.id}`,
          label: c.name,
          description: c.billingEmail || c.contactPerson,
          group: t('palette.groups.customers'),
          keywords: [debounced],
          leftSection: <IconUser size={18} aria-hidden />,
          onClick: go(`/customers/${c.id}`),
        })),
        ...[...(invoices.data?.rows ?? []), ...(quotes.data?.rows ?? [])].map((d) => ({
          id: `doc:${d.id}`,
          label:
            d.type === 'quote'
              ? t('palette.quote', { number: d.number ?? t('palette.draft') })
              : t('palette.invoice', { number: d.number ?? t('palette.draft') }),
          description: d.customerName,
          group: t('palette.groups.documents'),
          keywords: [debounced],
          leftSection: <IconFileInvoice size={18} aria-hidden />,
          onClick: go(docPath(d.type, d.id)),
        })),
      ]
    : [];
  return (
    <Spotlight
      actions={[...found, ...actions]}
      query={query}
      onQueryChange={setQuery}
      // eslint-disable-next-line i18next/no-literal-string -- a key combination for Mantine, not text
      shortcut={['mod + K']}
      nothingFound={t('palette.nothingFound')}
      highlightQuery
      limit={14}
      searchProps={{
        leftSection: <IconSearch size={18} aria-hidden />,
        placeholder: t('palette.placeholder'),
        'aria-label': t('palette.searchLabel'),
      }}
      scrollAreaProps={{ type: 'never' }}
      aria-label={t('palette.label')}
    />
  );
}

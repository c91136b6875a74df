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
import { notifications } from '@mantine/notifications';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { NAV_ITEMS } from './navigation';
import { docPath } from '../pages/documents/labels';
import { billCommands } from '../pages/bills/commands';

/** Ctrl/Cmd+K: every page, every app action, and any customer or document, found by typing. */
export function CommandPalette() {
  const navigate = useNavigate();
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
      label: `Go to ${item.label}`,
      group: 'Go to',
      leftSection: <item.icon size={18} aria-hidden />,
      onClick: go(item.to),
    })),
    {
      id: 'new-invoice',
      label: 'New invoice',
      group: 'Actions',
      leftSection: <IconFilePlus size={18} aria-hidden />,
      onClick: go('/invoices/new'),
    },
    {
      id: 'new-quote',
      label: 'New quote',
      group: 'Actions',
      leftSection: <IconFilePlus size={18} aria-hidden />,
      onClick: go('/quotes/new'),
    },
    {
      id: 'new-customer',
      label: 'New customer',
      group: 'Actions',
      leftSection: <IconUserPlus size={18} aria-hidden />,
      onClick: go('/customers/new'),
    },
    {
      id: 'payments',
      label: 'Record a payment received',
      group: 'Actions',
      leftSection: <IconCash size={18} aria-hidden />,
      onClick: go('/invoices/payments'),
    },
    {
      id: 'recurring',
      label: 'New recurring invoice',
      group: 'Actions',
      leftSection: <IconFilePlus size={18} aria-hidden />,
      onClick: go('/invoices/recurring/new'),
    },
    ...billCommands((to) => void navigate(to)),
    {
      id: 'backup-now',
      label: 'Back up now',
      group: 'Actions',
      leftSection: <IconDatabaseExport size={18} aria-hidden />,
      onClick: () => {
        call('backups.create', {}).then(
          (b) => notifications.show({ color: 'green', message: `Backup saved: ${b.name}` }),
          (e: Error) => notifications.show({ color: 'red', message: e.message }),
        );
      },
    },
    {
      id: 'shortcuts',
      label: 'Keyboard shortcuts',
      group: 'Help',
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
          group: 'Customers',
          keywords: [debounced],
          leftSection: <IconUser size={18} aria-hidden />,
          onClick: go(`/customers/${c.id}`),
        })),
        ...[...(invoices.data?.rows ?? []), ...(quotes.data?.rows ?? [])].map((d) => ({
          id: `doc:${d.id}`,
          label: `${d.type === 'quote' ? 'Quote' : 'Invoice'} ${d.number ?? '(draft)'}`,
          description: d.customerName,
          group: 'Documents',
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
      shortcut={['mod + K']}
      nothingFound="Nothing found"
      highlightQuery
      limit={14}
      searchProps={{
        leftSection: <IconSearch size={18} aria-hidden />,
        placeholder: 'Search or run a command…',
        'aria-label': 'Command search',
      }}
      scrollAreaProps={{ type: 'never' }}
      aria-label="Command palette"
    />
  );
}

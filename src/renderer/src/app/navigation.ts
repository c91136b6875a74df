import {
  IconBuildingBank,
  IconBuildingStore,
  IconChartBar,
  IconFileInvoice,
  IconFileText,
  IconLayoutDashboard,
  IconMailForward,
  IconPackage,
  IconReceipt,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';

/** The sidebar, and the "Go to" section of the command palette; `label` is a catalogue key. */
export const NAV_ITEMS = [
  { to: '/dashboard', label: 'nav.dashboard', icon: IconLayoutDashboard },
  { to: '/invoices', label: 'nav.invoices', icon: IconFileInvoice },
  { to: '/quotes', label: 'nav.quotes', icon: IconFileText },
  { to: '/customers', label: 'nav.customers', icon: IconUsers },
  { to: '/items', label: 'nav.items', icon: IconPackage },
  { to: '/bills', label: 'nav.bills', icon: IconReceipt },
  { to: '/vendors', label: 'nav.vendors', icon: IconBuildingStore },
  { to: '/bank', label: 'nav.bank', icon: IconBuildingBank },
  { to: '/reports', label: 'nav.reports', icon: IconChartBar },
  { to: '/outbox', label: 'nav.outbox', icon: IconMailForward },
  { to: '/settings', label: 'nav.settings', icon: IconSettings },
] as const;

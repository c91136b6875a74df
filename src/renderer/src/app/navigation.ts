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

/** The sidebar, and the "Go to" section of the command palette. */
export const NAV_ITEMS = [
  { to: '/dashboard', label: 'Dashboard', icon: IconLayoutDashboard },
  { to: '/invoices', label: 'Invoices', icon: IconFileInvoice },
  { to: '/quotes', label: 'Quotes', icon: IconFileText },
  { to: '/customers', label: 'Customers', icon: IconUsers },
  { to: '/items', label: 'Items', icon: IconPackage },
  { to: '/bills', label: 'Bills', icon: IconReceipt },
  { to: '/vendors', label: 'Vendors', icon: IconBuildingStore },
  { to: '/bank', label: 'Bank', icon: IconBuildingBank },
  { to: '/reports', label: 'Reports', icon: IconChartBar },
  { to: '/outbox', label: 'Outbox', icon: IconMailForward },
  { to: '/settings', label: 'Settings', icon: IconSettings },
] as const;

import { Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';

const TABS = [
  { value: '/bills', label: 'Due' },
  { value: '/bills/all', label: 'All bills' },
  { value: '/bills/calendar', label: 'Calendar' },
  { value: '/bills/pay', label: 'Payment run' },
  { value: '/bills/recurring', label: 'Recurring' },
  { value: '/bills/orders', label: 'Purchase orders' },
  { value: '/bills/import', label: 'Import' },
  { value: '/bills/categories', label: 'Categories' },
];

/** The bills section's own tabs; each is a route, so it survives a reload. */
export function BillsNav() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current =
    [...TABS]
      .reverse()
      .find((t) => pathname === t.value || (t.value !== '/bills' && pathname.startsWith(t.value + '/')))
      ?.value ?? null;
  return (
    <Tabs value={current} onChange={(v) => v && void navigate(v)} aria-label="Bills sections">
      <Tabs.List>
        {TABS.map((t) => (
          <Tabs.Tab key={t.value} value={t.value}>
            {t.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}

import { useTranslation } from 'react-i18next';
import { Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';

const TABS = [
  { value: '/bills', label: 'bills.nav.due' },
  { value: '/bills/all', label: 'bills.nav.all' },
  { value: '/bills/calendar', label: 'bills.nav.calendar' },
  { value: '/bills/pay', label: 'bills.nav.paymentRun' },
  { value: '/bills/recurring', label: 'bills.nav.recurring' },
  { value: '/bills/orders', label: 'bills.nav.purchaseOrders' },
  { value: '/bills/import', label: 'bills.nav.import' },
  { value: '/bills/categories', label: 'bills.nav.categories' },
] as const;

/** The bills section's own tabs; each is a route, so it survives a reload. */
export function BillsNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current =
    [...TABS]
      .reverse()
      .find((t) => pathname === t.value || (t.value !== '/bills' && pathname.startsWith(t.value + '/')))
      ?.value ?? null;
  return (
    <Tabs value={current} onChange={(v) => v && void navigate(v)} aria-label={t('bills.nav.label')}>
      <Tabs.List>
        {TABS.map((tab) => (
          <Tabs.Tab key={tab.value} value={tab.value}>
            {t(tab.label)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}

import { i18n } from '../../lib/i18n';
import type { SpotlightActionData } from '@mantine/spotlight';
import { IconBuildingStore, IconCash, IconFileImport, IconReceipt } from '@tabler/icons-react';

/** Payables actions for the command palette. */
export function billCommands(go: (to: string) => void): SpotlightActionData[] {
  const t = i18n.t.bind(i18n);
  return [
    {
      id: 'new-bill',
      label: t('bills.newBill'),
      group: t('bills.commands.group'),
      leftSection: <IconReceipt size={18} aria-hidden />,
      onClick: () => go('/bills/new'),
    },
    {
      id: 'new-vendor',
      label: t('vendors.new'),
      group: t('bills.commands.group'),
      leftSection: <IconBuildingStore size={18} aria-hidden />,
      onClick: () => go('/vendors/new'),
    },
    {
      id: 'pay-bills',
      label: t('bills.commands.pay'),
      group: t('bills.commands.group'),
      leftSection: <IconCash size={18} aria-hidden />,
      onClick: () => go('/bills/pay'),
    },
    {
      id: 'import-bills',
      label: t('bills.commands.import'),
      group: t('bills.commands.group'),
      leftSection: <IconFileImport size={18} aria-hidden />,
      onClick: () => go('/bills/import'),
    },
  ];
}

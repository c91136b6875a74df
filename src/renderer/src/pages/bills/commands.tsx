import type { SpotlightActionData } from '@mantine/spotlight';
import { IconBuildingStore, IconCash, IconFileImport, IconReceipt } from '@tabler/icons-react';

/** Payables actions for the command palette. */
export function billCommands(go: (to: string) => void): SpotlightActionData[] {
  return [
    {
      id: 'new-bill',
      label: 'New bill',
      group: 'Actions',
      leftSection: <IconReceipt size={18} aria-hidden />,
      onClick: () => go('/bills/new'),
    },
    {
      id: 'new-vendor',
      label: 'New vendor',
      group: 'Actions',
      leftSection: <IconBuildingStore size={18} aria-hidden />,
      onClick: () => go('/vendors/new'),
    },
    {
      id: 'pay-bills',
      label: 'Pay bills (payment run)',
      group: 'Actions',
      leftSection: <IconCash size={18} aria-hidden />,
      onClick: () => go('/bills/pay'),
    },
    {
      id: 'import-bills',
      label: 'Import bills from CSV',
      group: 'Actions',
      leftSection: <IconFileImport size={18} aria-hidden />,
      onClick: () => go('/bills/import'),
    },
  ];
}

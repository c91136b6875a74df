import { Spotlight, type SpotlightActionData } from '@mantine/spotlight';
import { IconDatabaseExport, IconFilePlus, IconKeyboard, IconSearch } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { notifications } from '@mantine/notifications';
import { call } from '../api/client';
import { NAV_ITEMS } from './navigation';
import { billCommands } from '../pages/bills/commands';

/** Ctrl/Cmd+K: every page and every app action, found by typing. */
export function CommandPalette() {
  const navigate = useNavigate();
  const actions: SpotlightActionData[] = [
    ...NAV_ITEMS.map((item) => ({
      id: `go:${item.to}`,
      label: `Go to ${item.label}`,
      group: 'Go to',
      leftSection: <item.icon size={18} aria-hidden />,
      onClick: () => void navigate(item.to),
    })),
    {
      id: 'new-invoice',
      label: 'New invoice',
      group: 'Actions',
      leftSection: <IconFilePlus size={18} aria-hidden />,
      onClick: () => void navigate('/invoices/new'),
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
      onClick: () => void navigate('/help'),
    },
  ];
  return (
    <Spotlight
      actions={actions}
      shortcut={['mod + K']}
      nothingFound="Nothing found"
      highlightQuery
      limit={12}
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

import { AppShell, Box, Group, Kbd, NavLink, Text, UnstyledButton, Avatar } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { spotlight } from '@mantine/spotlight';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NAV_ITEMS } from './navigation';
import { CommandPalette } from './CommandPalette';
import { useSettings } from './useSettings';
import { useGlobalShortcuts } from './shortcuts';
import { ReminderCentre } from '../pages/bills/ReminderCentre';
import { ServerAwayBanner } from './ServerAwayBanner';

export function AppLayout() {
  const settings = useSettings();
  const location = useLocation();
  const { t } = useTranslation();
  useGlobalShortcuts();
  const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

  return (
    <AppShell navbar={{ width: 240, breakpoint: 0 }} header={{ height: 52 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Avatar color="indigo" radius="sm" size={28} aria-hidden>
              F
            </Avatar>
            <Text fw={600}>{settings.profile.name || t('app.name')}</Text>
          </Group>
          <Group gap="sm">
            <ReminderCentre />
            <UnstyledButton
              onClick={() => spotlight.open()}
              aria-label={t('app.header.searchLabel')}
              px="sm"
              py={4}
              style={{
                border: '1px solid var(--mantine-color-default-border)',
                borderRadius: 6,
                minWidth: 260,
              }}
            >
              <Group gap="xs" justify="space-between">
                <Group gap={6}>
                  <IconSearch size={16} aria-hidden />
                  <Text size="sm" c="dimmed">
                    {t('app.header.search')}
                  </Text>
                </Group>
                <Kbd size="xs">{isMac ? '⌘' : t('app.header.ctrlKey')} K</Kbd>
              </Group>
            </UnstyledButton>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        {NAV_ITEMS.map((item) => (
          <NavLink
            key={item.to}
            component={RouterNavLink}
            to={item.to}
            label={t(item.label)}
            leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
            active={location.pathname === item.to || location.pathname.startsWith(item.to + '/')}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Box maw={1400}>
          <ServerAwayBanner />
          <Outlet />
        </Box>
      </AppShell.Main>
      <CommandPalette />
    </AppShell>
  );
}

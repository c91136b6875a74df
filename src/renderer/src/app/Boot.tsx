import { Alert, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { RouterProvider } from 'react-router';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useScreenLanguage } from '../lib/i18n';
import { connectionState, subscribeConnection } from '../api/client';
import { useApi } from '../api/hooks';
import { ConnectionGuard } from './ConnectionGuard';
import { RecoveryScreen } from '../pages/RecoveryScreen';
import { SetupWizard } from '../pages/SetupWizard';
import { router } from './router';

/**
 * What the user sees first depends on the data file: a recovery screen when it is damaged
 * or from a newer Folio, the setup wizard on first run, otherwise the app.
 */
export function Boot() {
  return (
    <ConnectionGuard>
      <BootScreens />
    </ConnectionGuard>
  );
}

function BootScreens() {
  const connection = useSyncExternalStore(subscribeConnection, connectionState);
  // Asked again now and then: the full integrity check runs after the first screen (see
  // db/integrity.ts), and damage it finds must bring up the recovery screen.
  const health = useApi('system.health', {}, { refetchInterval: 15_000 });
  const settings = useApi('settings.get', {}, { enabled: health.data?.status === 'ok' });
  // The screens follow the language chosen in Preferences at once; answers already fetched
  // are fetched again, so their messages follow too.
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const refetch = useCallback(() => void queryClient.invalidateQueries(), [queryClient]);
  const languageReady = useScreenLanguage(settings.data?.preferences.language, refetch);
  // Shared books: what another person changed shows up when this window is looked at again
  // (local books change only here, so they are fetched again only after a change).
  const shared = useApi('sharedBooks.status', {}, { staleTime: Infinity });
  const isShared = shared.data?.mode === 'shared' && shared.data.open;
  useEffect(() => {
    if (!isShared) return;
    const again = () => {
      if (document.visibilityState === 'visible') void queryClient.invalidateQueries();
    };
    window.addEventListener('focus', again);
    document.addEventListener('visibilitychange', again);
    return () => {
      window.removeEventListener('focus', again);
      document.removeEventListener('visibilitychange', again);
    };
  }, [isShared, queryClient]);

  if (
    health.isPending ||
    (health.data?.status === 'ok' && settings.isPending) ||
    (settings.data && !languageReady)
  ) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('app.boot.loading')} />
      </Center>
    );
  }
  // Before any failure: a check that fails after the first screen makes the other calls
  // answer DB_UNAVAILABLE, and what the user needs then is the recovery screen.
  if (health.data && health.data.status !== 'ok') return <RecoveryScreen health={health.data} />;
  const failure = health.error ?? settings.error;
  // Not running: the ConnectionGuard says so and retries; nothing else to show behind it.
  if (failure && connection === 'unreachable') return <Center h="100vh" />;
  if (failure) {
    return (
      <Center h="100vh" p="xl">
        <Stack maw={520}>
          <Title order={2}>{t('app.boot.unreachable')}</Title>
          <Alert
            color="red"
            title={failure.code === 'UNAUTHORIZED' ? t('app.boot.unauthorized') : t('app.boot.failed')}
          >
            <Text size="sm">{failure.message}</Text>
          </Alert>
        </Stack>
      </Center>
    );
  }
  if (settings.data && !settings.data.setupComplete) return <SetupWizard initial={settings.data} />;
  return <RouterProvider router={router} />;
}

import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { Button, Loader, Group, Overlay, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, connectionState, subscribeConnection } from '../api/client';

/** How often a lost connection is tried again, quietly. */
const RETRY_MS = 2000;

/**
 * When Folio's main process stops answering (browser mode with the server stopped), the page
 * says so in plain words over whatever was on screen, keeps trying in the background, and
 * carries on by itself if the same run answers again (or says to open the new URL when Folio
 * was restarted with a new token).
 */
export function ConnectionGuard({ children }: { children: ReactNode }) {
  const connection = useSyncExternalStore(subscribeConnection, connectionState);
  const queryClient = useQueryClient();
  const { t } = useTranslation();

  useEffect(() => {
    if (connection !== 'unreachable') return;
    const timer = window.setInterval(() => {
      call('system.health', {})
        .then(() => queryClient.invalidateQueries())
        .catch(() => {
          // Still not running: try again on the next tick.
        });
    }, RETRY_MS);
    return () => window.clearInterval(timer);
  }, [connection, queryClient]);

  return (
    <>
      {children}
      {connection !== 'ok' && (
        <Overlay fixed blur={2} backgroundOpacity={0.45} zIndex={1000} center>
          <Paper
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="connection-title"
            aria-describedby="connection-text"
            shadow="lg"
            radius="md"
            p="xl"
            maw={520}
            withBorder
          >
            <Stack>
              <Title id="connection-title" order={2} size="h3">
                {connection === 'unreachable'
                  ? t('app.connection.notRunning')
                  : t('app.connection.restarted')}
              </Title>
              <Text id="connection-text">
                {connection === 'unreachable'
                  ? t('app.connection.notRunningText')
                  : t('app.connection.restartedText')}
              </Text>
              <Group justify="space-between">
                {connection === 'unreachable' ? (
                  <Group gap="xs">
                    <Loader size="xs" aria-hidden />
                    <Text size="sm" c="dimmed">
                      {t('app.connection.retrying')}
                    </Text>
                  </Group>
                ) : (
                  <span />
                )}
                <Button variant="default" onClick={() => window.location.reload()}>
                  {t('app.connection.reload')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        </Overlay>
      )}
    </>
  );
}

import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SharedBooksStatus } from '../../../../shared/api/shared-books';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConnectForm } from './ConnectForm';
import { MoveBooksCard } from './MoveBooks';

/**
 * Settings → Shared books: which books this data folder opens (its own file or books on a
 * PostgreSQL server), moving the local books to a server (MoveBooks.tsx), and connecting it
 * to a server's books. The connection is checked before it is saved; Folio opens the shared
 * books at its next start.
 */
export function SharedBooksTab() {
  const status = useApi('sharedBooks.status', {});
  const move = useApi('sharedBooks.moveStatus', {});
  if (!status.data) return null;
  // While the books are being moved, and once they are, connecting elsewhere has no place.
  const moving = move.data?.state === 'running' || move.data?.state === 'done';
  return (
    <Stack>
      <StatusCard status={status.data} />
      {localOpen(status.data) && <MoveBooksCard />}
      {!moving && <ConnectCard status={status.data} />}
    </Stack>
  );
}

/** Whether the books open now are this folder's own file (the ones that can be moved). */
function localOpen(status: SharedBooksStatus): boolean {
  return status.open ? status.mode === 'local' : status.mode === 'shared';
}

function StatusCard({ status }: { status: SharedBooksStatus }) {
  const { t } = useTranslation();
  const disconnect = useApiMutation('sharedBooks.disconnect', { invalidates: ['sharedBooks'] });
  const c = status.connection;
  return (
    <Card withBorder maw={760}>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('sharedBooks.tab.whichBooks')}
        </Title>
        <Text>
          {c
            ? t('sharedBooks.tab.onServer', {
                database: c.database,
                host: c.host,
                port: String(c.port),
                user: c.user,
              })
            : t('sharedBooks.tab.onThisComputer')}
        </Text>
        {!status.open && (
          <Alert color="yellow" title={t('sharedBooks.tab.restartTitle')}>
            {c ? t('sharedBooks.tab.restartToOpenShared') : t('sharedBooks.tab.restartToOpenLocal')}
          </Alert>
        )}
        {c && (
          <Group>
            <Button
              variant="default"
              loading={disconnect.isPending}
              onClick={() =>
                modals.openConfirmModal({
                  title: t('sharedBooks.tab.useLocalTitle'),
                  children: <Text size="sm">{t('sharedBooks.tab.useLocalText')}</Text>,
                  labels: { confirm: t('sharedBooks.tab.useLocal'), cancel: t('common.cancel') },
                  onConfirm: () => void disconnect.mutateAsync({}).catch(() => undefined),
                })
              }
            >
              {t('sharedBooks.tab.useLocal')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function ConnectCard({ status }: { status: SharedBooksStatus }) {
  const { t } = useTranslation();
  const connect = useApiMutation('sharedBooks.connect', { invalidates: ['sharedBooks'] });
  const titleId = useId();
  return (
    <Card withBorder maw={760} component="section" aria-labelledby={titleId}>
      <ConnectForm
        initial={status.connection}
        submitLabel={t('sharedBooks.tab.connect')}
        busy={connect.isPending}
        onSubmit={async (input) => {
          await connect.mutateAsync(input);
          notifications.show({ color: 'green', message: t('sharedBooks.tab.saved') });
          return true;
        }}
      >
        <Title order={2} size="h4" id={titleId}>
          {t('sharedBooks.tab.connectTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('sharedBooks.tab.connectHint')}
        </Text>
      </ConnectForm>
    </Card>
  );
}

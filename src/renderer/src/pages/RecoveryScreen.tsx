import { Alert, Button, Card, Center, Group, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import type { Health } from '../../../shared/api/system';
import { notifyError, useApi, useApiMutation } from '../api/hooks';
import { BackupFileActions } from '../components/BackupFileActions';
import { BackupsTable } from '../components/BackupsTable';

const TITLES: Record<Exclude<Health['status'], 'ok'>, string> = {
  corrupt: 'Your data file needs attention',
  newer: 'This data needs a newer Folio',
  missing: 'Your data file is missing',
  readonly: 'Folio cannot save your work',
  failed: 'Folio could not open your data',
};

const NEXT_STEP: Record<Exclude<Health['status'], 'ok'>, string> = {
  corrupt:
    'Restore the newest backup below (the first row). Your current file is kept as a safety copy first.',
  newer:
    'Nothing has been changed. Install the newest Folio and open it again, or restore a backup made by this version.',
  missing:
    'Restore the newest backup that holds your books (marked “Your books”). Start a new, empty book only if you mean to begin again.',
  readonly:
    'Nothing has been changed. Fix the permissions (or copy the data folder to a writable disk), then close Folio and start it again.',
  failed:
    'Nothing has been changed. Once the cause is fixed, close Folio and start it again; or restore a backup below.',
};

/** The browser's language when Intl accepts it (Chromium may report "en-US@posix"), else English. */
function browserLocale(): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([navigator.language])[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/**
 * Shown instead of the app when the data file cannot be used: damaged, from a newer Folio,
 * missing while backups exist, read-only, or failing to open. Say what happened and what to
 * do, and offer the backups (newest first) rather than crash.
 */
export function RecoveryScreen({ health }: { health: Health }) {
  const backups = useApi('backups.list', {});
  const startNew = useApiMutation('system.startNewBook', { invalidates: ['system', 'settings', 'backups'] });
  const status = health.status === 'ok' ? 'failed' : health.status;
  const locale = browserLocale();

  const confirmStartNew = () =>
    modals.openConfirmModal({
      title: 'Start a new, empty book?',
      children: (
        <Text size="sm">
          Folio will create a new data file and show the setup wizard. Your backups stay where they are: you
          can restore one later from Settings → Backups.
        </Text>
      ),
      labels: { confirm: 'Start a new, empty book', cancel: 'Cancel' },
      onConfirm: () => startNew.mutate({}, { onError: notifyError }),
    });

  return (
    <Center mih="100vh" p="md">
      <Card withBorder padding="xl" w={800} maw="100%">
        <Stack>
          <Title order={1} size="h2">
            {TITLES[status]}
          </Title>
          <Alert color={status === 'newer' ? 'yellow' : 'red'} title="What happened">
            {health.message}
          </Alert>
          <Text size="sm">{NEXT_STEP[status]}</Text>
          <BackupsTable backups={backups.data ?? []} locale={locale} />
          <Group justify="space-between">
            <BackupFileActions locale={locale} canSave={false} />
            {status === 'missing' && (
              <Button variant="subtle" color="gray" onClick={confirmStartNew} loading={startNew.isPending}>
                Start a new, empty book
              </Button>
            )}
          </Group>
        </Stack>
      </Card>
    </Center>
  );
}

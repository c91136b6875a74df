import { Alert, Button, Card, Center, Group, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../../shared/api/system';
import { notifyError, useApi, useApiMutation } from '../api/hooks';
import { BackupFileActions } from '../components/BackupFileActions';
import { BackupsTable } from '../components/BackupsTable';

const TITLES: Record<Exclude<Health['status'], 'ok'>, string> = {
  corrupt: 'recovery.title.corrupt',
  newer: 'recovery.title.newer',
  missing: 'recovery.title.missing',
  readonly: 'recovery.title.readonly',
  failed: 'recovery.title.failed',
};

const NEXT_STEP: Record<Exclude<Health['status'], 'ok'>, string> = {
  corrupt: 'recovery.next.corrupt',
  newer: 'recovery.next.newer',
  missing: 'recovery.next.missing',
  readonly: 'recovery.next.readonly',
  failed: 'recovery.next.failed',
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
  const { t } = useTranslation();
  const backups = useApi('backups.list', {});
  const startNew = useApiMutation('system.startNewBook', { invalidates: ['system', 'settings', 'backups'] });
  const status = health.status === 'ok' ? 'failed' : health.status;
  const locale = browserLocale();

  const confirmStartNew = () =>
    modals.openConfirmModal({
      title: t('recovery.startNewTitle'),
      children: <Text size="sm">{t('recovery.startNewText')}</Text>,
      labels: { confirm: t('recovery.startNew'), cancel: t('common.cancel') },
      onConfirm: () => startNew.mutate({}, { onError: notifyError }),
    });

  return (
    <Center mih="100vh" p="md">
      <Card withBorder padding="xl" w={800} maw="100%">
        <Stack>
          <Title order={1} size="h2">
            {t(TITLES[status])}
          </Title>
          <Alert color={status === 'newer' ? 'yellow' : 'red'} title={t('recovery.whatHappened')}>
            {health.message}
          </Alert>
          <Text size="sm">{t(NEXT_STEP[status])}</Text>
          <BackupsTable backups={backups.data ?? []} locale={locale} />
          <Group justify="space-between">
            <BackupFileActions locale={locale} canSave={false} />
            {status === 'missing' && (
              <Button variant="subtle" color="gray" onClick={confirmStartNew} loading={startNew.isPending}>
                {t('recovery.startNew')}
              </Button>
            )}
          </Group>
        </Stack>
      </Card>
    </Center>
  );
}

import { Alert, Badge, Button, Card, Code, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerBackup } from '../../../../shared/api/shared-books-server';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { showApiError } from '../../lib/forms';
import { BackupList } from '../../components/BackupsTable';

/**
 * The Backups tab when the books are shared on a PostgreSQL server: backups with pg_dump into
 * this computer's backups folder (owners only), each restorable into a new database, which the
 * owner may then open from the next start. When pg_dump is missing or too old, or the person
 * is not an owner, it says so and shows the command an administrator runs instead.
 */
export function SharedBackupsSection({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const backups = useApi('sharedBooks.backups', {});
  const backUp = useApiMutation('sharedBooks.backUpNow', {
    invalidates: ['sharedBooks'],
    success: () => t('sharedBooks.backups.saved'),
  });
  const [restoring, setRestoring] = useState<ServerBackup | null>(null);
  const data = backups.data;

  return (
    <Stack maw={900}>
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Title order={2} size="h4">
              {t('sharedBooks.backups.title')}
            </Title>
            <Button
              onClick={() => backUp.mutate({}, { onError: notifyError })}
              loading={backUp.isPending}
              disabled={!data?.canBackUp}
            >
              {t('sharedBooks.backups.backUpNow')}
            </Button>
          </Group>
          <Text size="sm">{t('sharedBooks.backups.intro')}</Text>
          <Text size="sm">{t('sharedBooks.backups.automatic')}</Text>
          {data?.reason && (
            <Alert color="yellow" role="status">
              {data.reason}
            </Alert>
          )}
          {backups.error && (
            <Alert color="red" role="status">
              {backups.error.message}
            </Alert>
          )}
          {data?.tool && data.canBackUp && (
            <Text size="sm" c="dimmed">
              {t('sharedBooks.backups.toolFound', { version: data.tool.version, path: data.tool.path })}
            </Text>
          )}
        </Stack>
      </Card>
      {data && <ServerBackupList backups={data.backups} locale={locale} onRestore={setRestoring} />}
      {data && (
        <Card withBorder padding="lg">
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('sharedBooks.backups.commandTitle')}
            </Title>
            <Text size="sm">{t('sharedBooks.backups.commandText')}</Text>
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {data.command}
            </Code>
          </Stack>
        </Card>
      )}
      <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />
    </Stack>
  );
}

function ServerBackupList({
  backups,
  locale,
  onRestore,
}: {
  backups: ServerBackup[];
  locale: string;
  onRestore: (b: ServerBackup) => void;
}) {
  const { t } = useTranslation();
  return (
    <BackupList
      backups={backups}
      locale={locale}
      label={t('sharedBooks.backups.listLabel')}
      empty={t('sharedBooks.backups.none')}
      madeHeader={t('sharedBooks.backups.taken')}
      sizeHeader={t('sharedBooks.backups.size')}
      noWrapDate
      columns={[
        { header: t('sharedBooks.backups.database'), cell: (b) => b.database },
        {
          header: t('sharedBooks.backups.kind'),
          cell: (b) => (
            <Badge variant="light" color={b.automatic ? 'gray' : 'blue'} title={b.name}>
              {b.automatic ? t('sharedBooks.backups.automaticBadge') : t('sharedBooks.backups.manualBadge')}
            </Badge>
          ),
        },
      ]}
      action={(b) => (
        <Button size="xs" variant="default" onClick={() => onRestore(b)}>
          {t('sharedBooks.backups.restore')}
        </Button>
      )}
    />
  );
}

function RestoreDialog({ backup, onClose }: { backup: ServerBackup | null; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { database: '' } });
  const restore = useApiMutation('sharedBooks.restoreToNew', { invalidates: [] });
  const use = useApiMutation('sharedBooks.useDatabase', { invalidates: ['sharedBooks'] });
  const done = restore.data;
  const close = () => {
    restore.reset();
    use.reset();
    form.reset();
    onClose();
  };
  const submit = form.onSubmit((values) => {
    if (!backup) return;
    restore.mutate(
      { name: backup.name, database: values.database.trim() },
      { onError: (error) => showApiError(form, error) },
    );
  });
  return (
    <Modal opened={backup !== null} onClose={close} title={t('sharedBooks.backups.restoreTitle')} size="lg">
      {done ? (
        <Stack>
          <Alert color="green" role="status">
            {t('sharedBooks.backups.restored', done)}
          </Alert>
          {use.data ? (
            <Alert color="blue" role="status">
              {t('sharedBooks.backups.switched', { database: use.data.database })}
            </Alert>
          ) : (
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.close')}
              </Button>
              <Button
                loading={use.isPending}
                onClick={() => use.mutate({ database: done.database }, { onError: notifyError })}
              >
                {t('sharedBooks.backups.useRestored', { database: done.database })}
              </Button>
            </Group>
          )}
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm">{t('sharedBooks.backups.restoreText', { name: backup?.name ?? '' })}</Text>
            <TextInput
              label={t('sharedBooks.backups.newDatabase')}
              description={t('sharedBooks.backups.newDatabaseHint')}
              required
              data-autofocus
              {...form.getInputProps('database')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={restore.isPending}>
                {t('sharedBooks.backups.restoreStart')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

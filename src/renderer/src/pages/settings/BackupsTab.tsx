import { Alert, Button, Card, Code, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { BackupFileActions } from '../../components/BackupFileActions';
import { BackupsTable } from '../../components/BackupsTable';
import { formatDateTime } from '../../lib/format';
import { showApiError } from '../../lib/forms';
import { SharedBackupsSection } from './SharedBackupsSection';

export function BackupsTab() {
  const settings = useSettings();
  const locale = settings.preferences.locale;
  const shared = useApi('sharedBooks.status', {}, { staleTime: Infinity });
  if (shared.isPending) return null;
  // Shared books live on the server: the local file's backups would back up nothing of them.
  if (shared.data?.mode === 'shared' && shared.data.open) return <SharedBackupsSection locale={locale} />;
  return <LocalBackups locale={locale} />;
}

function LocalBackups({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const info = useApi('system.info', {});
  const backups = useApi('backups.list', {});
  const backupNow = useApiMutation('backups.create', {
    invalidates: ['backups'],
    success: () => t('settings.backups.saved'),
  });

  return (
    <Stack maw={900}>
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} size="h4">
              {t('settings.tabs.backups')}
            </Title>
            <Button
              onClick={() => backupNow.mutate({}, { onError: notifyError })}
              loading={backupNow.isPending}
            >
              {t('palette.backUpNow')}
            </Button>
          </Group>
          <Text size="sm">{t('settings.backups.auto')}</Text>
          <List size="sm" spacing={2}>
            <List.Item>{t('settings.backups.autoStart')}</List.Item>
            <List.Item>{t('settings.backups.autoKeep')}</List.Item>
            <List.Item>{t('settings.backups.autoBefore')}</List.Item>
          </List>
          {info.data && (
            <Text size="sm" c="dimmed">
              {t('settings.backups.dataFile')} <Code>{info.data.databaseFile}</Code>
            </Text>
          )}
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('settings.backups.offsiteTitle')}
          </Title>
          <Text size="sm">{t('settings.backups.offsiteText')}</Text>
          <BackupFileActions locale={locale} canSave />
          <SecondFolder locale={locale} />
        </Stack>
      </Card>
      <BackupsTable backups={backups.data ?? []} locale={locale} />
    </Stack>
  );
}

function SecondFolder({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const current = useApi('backups.settings', {});
  const update = useApiMutation('backups.updateSettings', { invalidates: ['backups'] });
  const form = useForm({ initialValues: { secondFolder: '' } });
  const saved = current.data?.secondFolder ?? '';
  useEffect(() => {
    form.setValues({ secondFolder: saved });
    form.resetDirty({ secondFolder: saved });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [saved]);

  const submit = form.onSubmit((values) =>
    update.mutate(
      { secondFolder: values.secondFolder.trim() || null },
      { onError: (error) => showApiError(form, error) },
    ),
  );
  const last = current.data?.lastCopy;
  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={t('settings.backups.secondFolder')}
            description={t('settings.backups.secondFolderHint')}
            placeholder={t('settings.backups.secondFolderPlaceholder')}
            {...form.getInputProps('secondFolder')}
          />
          <Button type="submit" variant="default" loading={update.isPending} disabled={!form.isDirty()}>
            {t('settings.backups.saveFolder')}
          </Button>
        </Group>
        {last && (
          <Alert
            color={last.ok ? 'green' : 'yellow'}
            title={last.ok ? t('settings.backups.lastCopy') : t('settings.backups.lastCopyFailed')}
          >
            {t('settings.backups.lastCopyAt', {
              date: formatDateTime(last.at, locale),
              message: last.message,
            })}
          </Alert>
        )}
      </Stack>
    </form>
  );
}

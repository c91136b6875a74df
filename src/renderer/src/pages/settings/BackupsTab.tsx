import { Alert, Button, Card, Code, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { BackupFileActions } from '../../components/BackupFileActions';
import { BackupsTable } from '../../components/BackupsTable';
import { formatDateTime } from '../../lib/format';
import { showApiError } from '../../lib/forms';

export function BackupsTab() {
  const settings = useSettings();
  const locale = settings.preferences.locale;
  const info = useApi('system.info', {});
  const backups = useApi('backups.list', {});
  const backupNow = useApiMutation('backups.create', { invalidates: ['backups'], success: 'Backup saved.' });

  return (
    <Stack maw={900}>
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} size="h4">
              Backups
            </Title>
            <Button
              onClick={() => backupNow.mutate({}, { onError: notifyError })}
              loading={backupNow.isPending}
            >
              Back up now
            </Button>
          </Group>
          <Text size="sm">Folio backs up your data by itself:</Text>
          <List size="sm" spacing={2}>
            <List.Item>every time it starts, and once a day while it runs;</List.Item>
            <List.Item>
              it keeps one per day for the last 7 days and one per month for a year (never dropping a fuller
              backup for an emptier one);
            </List.Item>
            <List.Item>
              before every update of the data format and before every restore (kept 30 days).
            </List.Item>
          </List>
          {info.data && (
            <Text size="sm" c="dimmed">
              Data file: <Code>{info.data.databaseFile}</Code>
            </Text>
          )}
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Title order={2} size="h4">
            Backups that survive a lost laptop
          </Title>
          <Text size="sm">
            These backups live beside your books: a dead disk or a stolen laptop takes both. Save a backup
            file (your books and every scanned bill) to a USB disk or a cloud folder now and then, and let
            Folio copy its automatic backups to a second folder.
          </Text>
          <BackupFileActions locale={locale} canSave />
          <SecondFolder locale={locale} />
        </Stack>
      </Card>
      <BackupsTable backups={backups.data ?? []} locale={locale} />
    </Stack>
  );
}

function SecondFolder({ locale }: { locale: string }) {
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
            label="Second backup folder"
            description="A folder on a USB disk or a synced folder (Dropbox, OneDrive, iCloud Drive). Leave empty for none."
            placeholder="/media/usb/Folio backups"
            {...form.getInputProps('secondFolder')}
          />
          <Button type="submit" variant="default" loading={update.isPending} disabled={!form.isDirty()}>
            Save folder
          </Button>
        </Group>
        {last && (
          <Alert
            color={last.ok ? 'green' : 'yellow'}
            title={last.ok ? 'Last copy' : 'The last copy did not arrive'}
          >
            {formatDateTime(last.at, locale)}: {last.message}
          </Alert>
        )}
      </Stack>
    </form>
  );
}

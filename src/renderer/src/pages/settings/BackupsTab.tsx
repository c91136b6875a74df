import { Button, Card, Code, Group, List, Stack, Text, Title } from '@mantine/core';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { BackupsTable } from '../../components/BackupsTable';

export function BackupsTab() {
  const settings = useSettings();
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
            <List.Item>it keeps one per day for the last 7 days and one per month for a year;</List.Item>
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
      <BackupsTable backups={backups.data ?? []} locale={settings.preferences.locale} />
    </Stack>
  );
}

import { Alert, Card, Center, Stack, Text, Title } from '@mantine/core';
import type { Health } from '../../../shared/api/system';
import { useApi } from '../api/hooks';
import { BackupsTable } from '../components/BackupsTable';

/**
 * Shown instead of the app when the data file failed its check or was written by a newer
 * Folio: say what happened and offer the backups, newest first, rather than crash.
 */
export function RecoveryScreen({ health }: { health: Health }) {
  const backups = useApi('backups.list', {});
  return (
    <Center mih="100vh" p="md">
      <Card withBorder padding="xl" w={760}>
        <Stack>
          <Title order={1} size="h2">
            {health.status === 'newer' ? 'This data needs a newer Folio' : 'Your data file needs attention'}
          </Title>
          <Alert color={health.status === 'newer' ? 'yellow' : 'red'} title="What happened">
            {health.message}
          </Alert>
          <Text size="sm">
            {health.status === 'newer'
              ? 'Nothing has been changed. Install the newest Folio and open it again, or restore a backup made by this version.'
              : 'Restore the newest backup below (the first row). Your current file is kept as a safety copy first.'}
          </Text>
          <BackupsTable backups={backups.data ?? []} locale={navigator.language} />
        </Stack>
      </Card>
    </Center>
  );
}

import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { SharedBooksStatus } from '../../../../shared/api/shared-books';
import { useApi, useApiMutation } from '../../api/hooks';
import { showApiError } from '../../lib/forms';

/**
 * Settings → Shared books: which books this data folder opens (its own file or books on a
 * PostgreSQL server), and connecting it to a server's books. The connection is checked before
 * it is saved; Folio opens the shared books at its next start.
 */
export function SharedBooksTab() {
  const status = useApi('sharedBooks.status', {});
  if (!status.data) return null;
  return (
    <Stack maw={760}>
      <StatusCard status={status.data} />
      <ConnectCard status={status.data} />
    </Stack>
  );
}

function StatusCard({ status }: { status: SharedBooksStatus }) {
  const { t } = useTranslation();
  const disconnect = useApiMutation('sharedBooks.disconnect', { invalidates: ['sharedBooks'] });
  const c = status.connection;
  return (
    <Card withBorder>
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
  const form = useForm({
    initialValues: {
      host: status.connection?.host ?? '',
      port: status.connection?.port ?? 5432,
      database: status.connection?.database ?? '',
      user: status.connection?.user ?? '',
      password: '',
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await connect.mutateAsync({ ...values, port: Number(values.port) });
      form.setFieldValue('password', '');
      notifications.show({ color: 'green', message: t('sharedBooks.tab.saved') });
    } catch (error) {
      showApiError(form, error);
    }
  });
  return (
    <Card withBorder>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('sharedBooks.tab.connectTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('sharedBooks.tab.connectHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('fields.server')} required {...form.getInputProps('host')} />
            <NumberInput
              label={t('sharedBooks.tab.port')}
              min={1}
              max={65535}
              required
              {...form.getInputProps('port')}
            />
            <TextInput label={t('fields.database')} required {...form.getInputProps('database')} />
            <TextInput
              label={t('fields.userName')}
              required
              autoComplete="username"
              {...form.getInputProps('user')}
            />
            <PasswordInput
              label={t('fields.password')}
              autoComplete="current-password"
              {...form.getInputProps('password')}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('sharedBooks.tab.security')}
          </Text>
          <Group>
            <Button type="submit" loading={connect.isPending}>
              {t('sharedBooks.tab.connect')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

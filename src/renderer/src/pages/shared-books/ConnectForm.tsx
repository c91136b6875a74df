import { Button, Group, NumberInput, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../../shared/api/contract';
import { showApiError } from '../../lib/forms';

export type ConnectInput = Input<'sharedBooks.connect'>;

/**
 * The connection to a PostgreSQL server's books (server, port, database, user name,
 * password): one form for Settings → Shared books (connect, and move my books there) and the
 * first-run wizard. `onSubmit` throws an API error to show it at its field; it resolves true
 * when the password should be cleared (the connection was used and saved).
 */
export function ConnectForm({
  initial,
  submitLabel,
  busy = false,
  disabled = false,
  onSubmit,
  children,
}: {
  initial?: { host: string; port: number; database: string; user: string } | null;
  submitLabel: string;
  busy?: boolean;
  disabled?: boolean;
  onSubmit(input: ConnectInput): Promise<boolean | void>;
  /** Shown above the fields (a title, an explanation). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: {
      host: initial?.host ?? '',
      port: (initial?.port ?? 5432) as number | string,
      database: initial?.database ?? '',
      user: initial?.user ?? '',
      password: '',
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      if (await onSubmit({ ...values, port: Number(values.port) })) form.setFieldValue('password', '');
    } catch (error) {
      showApiError(form, error);
    }
  });
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        {children}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('fields.server')}
            required
            disabled={disabled}
            {...form.getInputProps('host')}
          />
          <NumberInput
            label={t('sharedBooks.tab.port')}
            min={1}
            max={65535}
            required
            disabled={disabled}
            {...form.getInputProps('port')}
          />
          <TextInput
            label={t('fields.database')}
            required
            disabled={disabled}
            {...form.getInputProps('database')}
          />
          <TextInput
            label={t('fields.userName')}
            required
            autoComplete="username"
            disabled={disabled}
            {...form.getInputProps('user')}
          />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            disabled={disabled}
            {...form.getInputProps('password')}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('sharedBooks.tab.security')}
        </Text>
        <Group>
          <Button type="submit" loading={busy} disabled={disabled}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

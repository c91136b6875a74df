import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Code,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { MailSettings } from '../../../../shared/api/mail';
import { SMTP_SECURITY, SMTP_SECURITY_LABELS } from '../../../../shared/api/mail';
import {
  PLACEHOLDERS,
  SAMPLE_VALUES,
  TEMPLATE_KINDS,
  TEMPLATE_KIND_LABELS,
  renderTemplate,
  type TemplateKind,
} from '../../../../shared/domain/templates';
import { ApiError } from '../../api/client';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { showApiError } from '../../lib/forms';
import { useUnsavedGuard } from '../../lib/useUnsavedGuard';

export function EmailTab() {
  const mail = useApi('mail.getSettings', {});
  if (!mail.data) return null;
  return (
    <Stack maw={900}>
      <AccountCard settings={mail.data} />
      <TemplatesCard settings={mail.data} />
      <ReminderLevelsCard settings={mail.data} />
    </Stack>
  );
}

function AccountCard({ settings }: { settings: MailSettings }) {
  const business = useSettings();
  const a = settings.account;
  const form = useForm({
    initialValues: {
      host: a.host,
      port: a.port,
      security: a.security,
      user: a.user,
      password: '',
      fromName: a.fromName || business.profile.name,
      fromEmail: a.fromEmail || business.profile.email,
      replyTo: a.replyTo,
      bccSelf: a.bccSelf,
    },
  });
  const save = useApiMutation('mail.updateAccount', {
    invalidates: ['mail', 'outbox'],
    success: 'Email account saved.',
  });
  const sendTest = useApiMutation('mail.sendTest');
  const [testTo, setTestTo] = useState(business.profile.email);
  const [testError, setTestError] = useState<string | null>(null);
  useUnsavedGuard(form.isDirty());

  const submit = form.onSubmit(({ password, ...rest }) =>
    save.mutate(
      { ...rest, ...(password ? { password } : {}) },
      {
        onSuccess: () => {
          // The password field empties once saved: it is stored sealed and never shown again.
          const saved = { ...form.getValues(), password: '' };
          form.setValues(saved);
          form.resetDirty(saved);
        },
        onError: (e) => showApiError(form, e),
      },
    ),
  );

  const test = () => {
    setTestError(null);
    sendTest.mutate(
      { to: testTo },
      {
        onSuccess: () => notifications.show({ color: 'green', message: `Test email sent to ${testTo}.` }),
        onError: (e) => {
          if (e instanceof ApiError && e.code === 'VALIDATION') setTestError(e.message);
          else notifyError(e);
        },
      },
    );
  };

  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit}>
        <Stack gap="xs">
          <Title order={2} size="h4">
            Email account
          </Title>
          <Text size="sm" c="dimmed">
            Folio sends invoices through your own mail server (SMTP), as if you sent them yourself. Your
            provider lists these settings under “SMTP” or “outgoing mail”.
          </Text>
          <SimpleGrid cols={3} spacing="xs">
            <TextInput
              label="SMTP server"
              placeholder="smtp.example.com"
              withAsterisk
              {...form.getInputProps('host')}
            />
            <NumberInput
              label="Port"
              min={1}
              max={65535}
              allowDecimal={false}
              {...form.getInputProps('port')}
            />
            <Select
              label="Security"
              allowDeselect={false}
              data={SMTP_SECURITY.map((s) => ({ value: s, label: SMTP_SECURITY_LABELS[s] }))}
              {...form.getInputProps('security')}
            />
            <TextInput label="User name" autoComplete="off" {...form.getInputProps('user')} />
            <PasswordInput
              label="Password"
              autoComplete="new-password"
              placeholder={a.hasPassword ? 'Saved: type to replace it' : ''}
              {...form.getInputProps('password')}
            />
            <div />
            <TextInput label="Sender name" {...form.getInputProps('fromName')} />
            <TextInput label="Sender email" withAsterisk {...form.getInputProps('fromEmail')} />
            <TextInput label="Reply-to" placeholder="Optional" {...form.getInputProps('replyTo')} />
          </SimpleGrid>
          <Switch
            label="Send me a copy of every message (Bcc to the sender email)"
            {...form.getInputProps('bccSelf', { type: 'checkbox' })}
          />
          <Alert color="gray" title="Where the password is kept">
            {a.passwordStorageNote}
          </Alert>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              Save email account
            </Button>
          </Group>
        </Stack>
      </form>
      <Stack gap="xs" mt="md">
        <Group align="flex-end">
          <TextInput
            label="Send a test email to"
            value={testTo}
            onChange={(e) => setTestTo(e.currentTarget.value)}
            style={{ flex: 1 }}
            error={testError ?? undefined}
          />
          <Button
            variant="default"
            onClick={test}
            loading={sendTest.isPending}
            disabled={!a.configured || form.isDirty() || !testTo}
          >
            Send test email
          </Button>
        </Group>
        {!a.configured && (
          <Text size="xs" c="dimmed">
            Save the account first, then send yourself a test.
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function TemplatesCard({ settings }: { settings: MailSettings }) {
  const [kind, setKind] = useState<TemplateKind>('invoice');
  return (
    <Card withBorder padding="lg">
      <Stack gap="xs">
        <Title order={2} size="h4">
          Email templates
        </Title>
        <Select
          label="Template"
          allowDeselect={false}
          data={TEMPLATE_KINDS.map((k) => ({ value: k, label: TEMPLATE_KIND_LABELS[k] }))}
          value={kind}
          onChange={(v) => v && setKind(v as TemplateKind)}
          maw={320}
        />
        <TemplateForm key={kind} kind={kind} template={settings.templates[kind]} />
      </Stack>
    </Card>
  );
}

function TemplateForm({
  kind,
  template,
}: {
  kind: TemplateKind;
  template: { subject: string; body: string };
}) {
  const form = useForm({ initialValues: template });
  const save = useApiMutation('mail.updateTemplate', { success: 'Template saved.' });
  const reset = useApiMutation('mail.resetTemplate', { success: 'Template reset to the default.' });
  const values = form.getValues();
  return (
    <form
      onSubmit={form.onSubmit((v) =>
        save.mutate(
          { kind, ...v },
          { onSuccess: () => form.resetDirty(v), onError: (e) => showApiError(form, e) },
        ),
      )}
    >
      <SimpleGrid cols={2} spacing="md">
        <Stack gap="xs">
          <TextInput label="Subject" {...form.getInputProps('subject')} />
          <Textarea label="Message" autosize minRows={8} {...form.getInputProps('body')} />
          <Text size="xs" c="dimmed">
            Placeholders:{' '}
            {Object.entries(PLACEHOLDERS).map(([name, what], i) => (
              <span key={name}>
                {i > 0 && ' '}
                <Anchor
                  component="button"
                  type="button"
                  size="xs"
                  title={what}
                  onClick={() => form.setFieldValue('body', `${form.getValues().body}{${name}}`)}
                >
                  <Code>{`{${name}}`}</Code>
                </Anchor>
              </span>
            ))}
          </Text>
          <Group justify="flex-end">
            <Button
              variant="subtle"
              onClick={() =>
                reset.mutate(
                  { kind },
                  { onSuccess: (s) => form.setValues(s.templates[kind]), onError: notifyError },
                )
              }
            >
              Reset to default
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              Save template
            </Button>
          </Group>
        </Stack>
        <Paper withBorder p="sm" aria-label="Template preview" component="section">
          <Text size="xs" c="dimmed">
            Preview with sample values
          </Text>
          <Text fw={600} size="sm" mt={4}>
            {renderTemplate(values.subject, SAMPLE_VALUES)}
          </Text>
          <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {renderTemplate(values.body, SAMPLE_VALUES)}
          </Text>
        </Paper>
      </SimpleGrid>
    </form>
  );
}

function ReminderLevelsCard({ settings }: { settings: MailSettings }) {
  const form = useForm({
    initialValues: {
      levels: settings.reminderLevels.map((l) => ({ ...l, level: l.level as 1 | 2 | 3 })),
    },
  });
  const save = useApiMutation('mail.updateReminderLevels', {
    invalidates: ['mail', 'invoiceReminders'],
    success: 'Reminder levels saved.',
  });
  return (
    <Card withBorder padding="lg">
      <form
        onSubmit={form.onSubmit((v) =>
          save.mutate(v, { onSuccess: () => form.resetDirty(v), onError: (e) => showApiError(form, e) }),
        )}
      >
        <Stack gap="xs">
          <Title order={2} size="h4">
            Payment reminders
          </Title>
          <Text size="sm" c="dimmed">
            When an invoice is overdue, Folio proposes a reminder in the Outbox at each level. Nothing is sent
            until you approve it. Each level has its own email template (above), also printed as the reminder
            letter.
          </Text>
          <Table aria-label="Reminder levels" maw={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>On</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Days after the due date</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {form.getValues().levels.map((l, i) => (
                <Table.Tr key={l.level}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Use the ${l.name.toLowerCase()} reminder`}
                      {...form.getInputProps(`levels.${i}.enabled`, { type: 'checkbox' })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Name of reminder level ${l.level}`}
                      {...form.getInputProps(`levels.${i}.name`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`Days after the due date for the ${l.name.toLowerCase()} reminder`}
                      min={1}
                      max={365}
                      allowDecimal={false}
                      {...form.getInputProps(`levels.${i}.days`)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              Save reminder levels
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

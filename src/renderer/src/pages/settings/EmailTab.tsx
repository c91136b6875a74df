import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  Fieldset,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { MailSettings } from '../../../../shared/api/mail';
import { SMTP_SECURITY } from '../../../../shared/api/mail';
import {
  PLACEHOLDERS,
  SAMPLE_VALUES,
  TEMPLATE_KINDS,
  renderTemplate,
  type Placeholder,
  type TemplateKind,
} from '../../../../shared/domain/templates';
import { ApiError } from '../../api/client';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { showApiError } from '../../lib/forms';
import { useUnsavedGuard } from '../../lib/useUnsavedGuard';

const SECURITY_LABELS: Record<(typeof SMTP_SECURITY)[number], string> = {
  tls: 'settings.email.security.tls',
  starttls: 'settings.email.security.starttls',
  none: 'settings.email.security.none',
};

const TEMPLATE_LABELS: Record<TemplateKind, string> = {
  invoice: 'settings.email.templates.kind.invoice',
  quote: 'settings.email.templates.kind.quote',
  credit_note: 'settings.email.templates.kind.creditNote',
  receipt: 'settings.email.templates.kind.receipt',
  statement: 'settings.email.templates.kind.statement',
  reminder_1: 'settings.email.templates.kind.reminder1',
  reminder_2: 'settings.email.templates.kind.reminder2',
  reminder_3: 'settings.email.templates.kind.reminder3',
};

const PLACEHOLDER_HINTS: Record<Placeholder, string> = {
  customer_name: 'settings.email.placeholders.customerName',
  contact_name: 'settings.email.placeholders.contactName',
  document_number: 'settings.email.placeholders.documentNumber',
  document_type: 'settings.email.placeholders.documentType',
  amount_due: 'settings.email.placeholders.amountDue',
  total: 'settings.email.placeholders.total',
  due_date: 'settings.email.placeholders.dueDate',
  issue_date: 'settings.email.placeholders.issueDate',
  days_overdue: 'settings.email.placeholders.daysOverdue',
  business_name: 'settings.email.placeholders.businessName',
};

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
  const { t } = useTranslation();
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
    success: t('settings.email.account.saved'),
  });
  const saveHere = useApiMutation('mail.setPasswordHere', {
    invalidates: ['mail', 'outbox'],
    success: t('settings.email.account.passwordHereDone'),
  });
  const sendTest = useApiMutation('mail.sendTest');
  const [testTo, setTestTo] = useState(business.profile.email);
  const [testError, setTestError] = useState<string | null>(null);
  useUnsavedGuard(form.isDirty());

  // Shared books: the account is the books' (owners change it); the password is this
  // computer's own, which a bookkeeper may keep here too (viewers do not send).
  const shared = a.passwordPerComputer;
  const locked = !a.mayChangeAccount;
  const passwordOnly = locked && a.maySetPasswordHere;
  const mayEditPassword = a.mayChangeAccount || a.maySetPasswordHere;
  const needsPasswordHere = shared && a.usesPassword && !a.hasPassword;

  /** A refusal about the password shows at the password field; anything else as a notice. */
  const passwordError = (e: unknown): boolean => {
    if (!(e instanceof ApiError) || e.field !== 'password') return false;
    form.setFieldError('password', e.message);
    return true;
  };

  const emptyPassword = () => {
    // The password field empties once saved: it is stored sealed and never shown again.
    const saved = { ...form.getValues(), password: '' };
    form.setValues(saved);
    form.resetDirty(saved);
  };

  const submit = form.onSubmit(({ password, ...rest }) => {
    if (passwordOnly) {
      saveHere.mutate(
        { password },
        { onSuccess: emptyPassword, onError: (e) => passwordError(e) || notifyError(e) },
      );
      return;
    }
    save.mutate(
      { ...rest, ...(password ? { password } : {}) },
      { onSuccess: emptyPassword, onError: (e) => showApiError(form, e) },
    );
  });

  const test = () => {
    setTestError(null);
    sendTest.mutate(
      { to: testTo },
      {
        onSuccess: () =>
          notifications.show({
            color: 'green',
            message: t('settings.email.account.testSent', { to: testTo }),
          }),
        onError: (e) => {
          if (passwordError(e)) return;
          if (e instanceof ApiError && e.code === 'VALIDATION') setTestError(e.message);
          else notifyError(e);
        },
      },
    );
  };

  const savedPlaceholder = shared
    ? t('settings.email.account.passwordHereSaved')
    : t('settings.email.account.passwordSaved');

  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit}>
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('settings.email.account.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('settings.email.account.intro')}
          </Text>
          {shared && !a.mayChangeAccount && (
            <Text size="sm">
              {passwordOnly ? t('settings.email.account.ownersOnly') : t('settings.email.account.viewerNote')}
            </Text>
          )}
          <SimpleGrid cols={3} spacing="xs">
            <TextInput
              label={t('settings.email.account.host')}
              placeholder="smtp.example.com"
              withAsterisk
              disabled={locked}
              {...form.getInputProps('host')}
            />
            <NumberInput
              label={t('settings.email.account.port')}
              min={1}
              max={65535}
              allowDecimal={false}
              disabled={locked}
              {...form.getInputProps('port')}
            />
            <Select
              label={t('settings.email.account.security')}
              allowDeselect={false}
              data={SMTP_SECURITY.map((s) => ({ value: s, label: t(SECURITY_LABELS[s]) }))}
              renderOption={({ option }) => (
                <div>
                  <Text size="sm">{option.label}</Text>
                  {option.value === 'none' && (
                    <Text size="xs" c="dimmed">
                      {t('settings.email.security.noneHint')}
                    </Text>
                  )}
                </div>
              )}
              description={
                form.getValues().security === 'none' ? t('settings.email.security.noneHint') : undefined
              }
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              disabled={locked}
              {...form.getInputProps('security')}
            />
            <TextInput
              label={t('settings.email.account.user')}
              autoComplete="off"
              disabled={locked}
              {...form.getInputProps('user')}
            />
            <PasswordInput
              label={shared ? t('settings.email.account.passwordHere') : t('settings.email.account.password')}
              autoComplete="new-password"
              placeholder={a.hasPassword ? savedPlaceholder : ''}
              disabled={!mayEditPassword}
              {...form.getInputProps('password')}
            />
            <div />
            <TextInput
              label={t('settings.email.account.fromName')}
              disabled={locked}
              {...form.getInputProps('fromName')}
            />
            <TextInput
              label={t('settings.email.account.fromEmail')}
              withAsterisk
              disabled={locked}
              {...form.getInputProps('fromEmail')}
            />
            <TextInput
              label={t('settings.email.account.replyTo')}
              placeholder={t('common.optional')}
              disabled={locked}
              {...form.getInputProps('replyTo')}
            />
          </SimpleGrid>
          <Switch
            label={t('settings.email.account.bccSelf')}
            disabled={locked}
            {...form.getInputProps('bccSelf', { type: 'checkbox' })}
          />
          {needsPasswordHere && mayEditPassword && (
            <Alert color="yellow">{t('settings.email.account.passwordHereMissing')}</Alert>
          )}
          <Alert color="gray" title={t('settings.email.account.passwordStorage')}>
            {a.passwordStorageNote}
          </Alert>
          {mayEditPassword && (
            <Group justify="flex-end">
              {passwordOnly ? (
                <Button type="submit" loading={saveHere.isPending} disabled={!form.getValues().password}>
                  {t('settings.email.account.savePasswordHere')}
                </Button>
              ) : (
                <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                  {t('settings.email.account.save')}
                </Button>
              )}
            </Group>
          )}
        </Stack>
      </form>
      {mayEditPassword && (
        <Stack gap="xs" mt="md">
          <Group align="flex-end">
            <TextInput
              label={t('settings.email.account.testTo')}
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
              {t('settings.email.account.sendTest')}
            </Button>
          </Group>
          {!a.configured && (
            <Text size="xs" c="dimmed">
              {t('settings.email.account.saveFirst')}
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}

function TemplatesCard({ settings }: { settings: MailSettings }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<TemplateKind>('invoice');
  // Shared books: the templates are the books' settings, changed by owners (the server refuses
  // anyone else); others read them.
  const locked = !settings.account.mayChangeAccount;
  return (
    <Card withBorder padding="lg">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('settings.email.templates.title')}
        </Title>
        <Select
          label={t('settings.email.templates.template')}
          allowDeselect={false}
          data={TEMPLATE_KINDS.map((k) => ({ value: k, label: t(TEMPLATE_LABELS[k]) }))}
          value={kind}
          onChange={(v) => v && setKind(v as TemplateKind)}
          maw={320}
        />
        {locked && <Text size="sm">{t('settings.email.templates.ownersOnly')}</Text>}
        <TemplateForm key={kind} kind={kind} template={settings.templates[kind]} locked={locked} />
      </Stack>
    </Card>
  );
}

function TemplateForm({
  kind,
  template,
  locked,
}: {
  kind: TemplateKind;
  template: { subject: string; body: string };
  locked: boolean;
}) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: template });
  const save = useApiMutation('mail.updateTemplate', { success: t('settings.email.templates.saved') });
  const reset = useApiMutation('mail.resetTemplate', { success: t('settings.email.templates.wasReset') });
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
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Fieldset variant="unstyled" disabled={locked} p={0}>
          <Stack gap="xs">
            <TextInput label={t('settings.email.templates.subject')} {...form.getInputProps('subject')} />
            <Textarea
              label={t('settings.email.templates.message')}
              autosize
              minRows={8}
              {...form.getInputProps('body')}
            />
            <Text size="xs" c="dimmed">
              {t('settings.email.templates.placeholders')}{' '}
              {(Object.keys(PLACEHOLDERS) as Placeholder[]).map((name, i) => (
                <span key={name}>
                  {i > 0 && ' '}
                  <Anchor
                    component="button"
                    type="button"
                    size="xs"
                    title={t(PLACEHOLDER_HINTS[name])}
                    onClick={() => form.setFieldValue('body', `${form.getValues().body}{${name}}`)}
                  >
                    <Code>{`{${name}}`}</Code>
                  </Anchor>
                </span>
              ))}
            </Text>
            {!locked && (
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
                  {t('settings.email.templates.reset')}
                </Button>
                <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                  {t('settings.email.templates.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>
        <Paper withBorder p="sm" aria-label={t('settings.email.templates.preview')} component="section">
          <Text size="xs" c="dimmed">
            {t('settings.email.templates.previewHint')}
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
  const { t } = useTranslation();
  const locked = !settings.account.mayChangeAccount;
  const form = useForm({
    initialValues: {
      levels: settings.reminderLevels.map((l) => ({ ...l, level: l.level as 1 | 2 | 3 })),
    },
  });
  const save = useApiMutation('mail.updateReminderLevels', {
    invalidates: ['mail', 'invoiceReminders'],
    success: t('settings.email.levels.saved'),
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
            {t('settings.email.levels.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('settings.email.levels.intro')}
          </Text>
          {locked && <Text size="sm">{t('settings.email.levels.ownersOnly')}</Text>}
          <Fieldset variant="unstyled" disabled={locked} p={0}>
            <Table aria-label={t('settings.email.levels.label')} maw={560}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('settings.email.levels.on')}</Table.Th>
                  <Table.Th>{t('common.name')}</Table.Th>
                  <Table.Th>{t('settings.email.levels.days')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {form.getValues().levels.map((l, i) => (
                  <Table.Tr key={l.level}>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('settings.email.levels.use', { level: l.level, name: l.name })}
                        {...form.getInputProps(`levels.${i}.enabled`, { type: 'checkbox' })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t('settings.email.levels.name', { level: l.level })}
                        {...form.getInputProps(`levels.${i}.name`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('settings.email.levels.daysFor', { level: l.level, name: l.name })}
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
          </Fieldset>
          {!locked && (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                {t('settings.email.levels.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}

import { Loaded } from '../../components/PageState';
import {
  Anchor,
  Button,
  Card,
  Group,
  List,
  Modal,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DateField } from '../../components/DateField';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Recurring } from '../../../../shared/api/recurring';
import type { Frequency } from '../../../../shared/domain/schedule';
import type { CatchUpChoice } from '../../../../shared/api/recurring';
import { localToday } from '../../../../shared/domain/dates';
import { decimalSeparatorOf } from '../../../../shared/domain/money';
import { ApiError, call } from '../../api/client';
import { useEditVersion } from '../../lib/forms';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate } from '../../lib/format';
import { useUnsavedGuard } from '../../lib/useUnsavedGuard';
import { DocumentFields } from '../documents/DocumentFields';
import { blankDocument, localErrors } from '../documents/DocumentEditor';
import { formPath, fromDocument, toInput, type DocumentForm } from '../documents/editor-form';
import { useCustomerDefaults } from '../documents/useCustomerDefaults';
import type { Document } from '../../../../shared/api/documents';
import type { DisplayStatus } from '../../../../shared/domain/status';

interface ScheduleForm {
  name: string;
  frequency: Frequency;
  interval: number;
  day: string;
  startDate: string;
  ends: 'never' | 'date' | 'count';
  endDate: string;
  count: number;
  mode: 'draft' | 'issue';
}

type RecurringForm = DocumentForm & { schedule: ScheduleForm };

export function RecurringEditorPage() {
  const { id } = useParams();
  const existing = useApi('recurring.get', { id: Number(id) }, { enabled: !!id });
  if (!id) return <RecurringEditor existing={null} key="new" />;
  return <Loaded query={existing}>{(r) => <RecurringEditor existing={r} key={id} />}</Loaded>;
}

/** The template as a document form: reuse the document editor's conversion. */
function templateForm(r: Recurring, sep: '.' | ','): DocumentForm {
  const t = r.template as unknown as Omit<Document, 'lines'> & { lines: Document['lines'] };
  return fromDocument(
    {
      ...(t as unknown as Document),
      type: 'invoice',
      issueDate: r.schedule.startDate,
      lines: t.lines.map((l, i) => ({ ...l, id: i, amount: 0, net: 0, tax: 0, total: 0 })),
      related: [],
      dueDate: null,
    },
    sep,
  );
}

function RecurringEditor({ existing }: { existing: Recurring | null }) {
  const settings = useSettings();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [loadedVersion] = useEditVersion(existing);
  const sep = decimalSeparatorOf(settings.preferences.locale);
  const initial: RecurringForm = useMemo(() => {
    const doc = existing ? templateForm(existing, sep) : blankDocument('invoice', settings, null);
    const s = existing?.schedule;
    return {
      ...doc,
      schedule: {
        name: existing?.name ?? '',
        frequency: s?.frequency ?? 'monthly',
        interval: s?.interval ?? 1,
        day: s?.dayOfMonth === null || s?.dayOfMonth === undefined ? 'start' : String(s.dayOfMonth),
        startDate: s?.startDate ?? localToday(),
        ends: s?.endDate ? 'date' : s?.count ? 'count' : 'never',
        endDate: s?.endDate ?? '',
        count: s?.count ?? 12,
        mode: existing?.mode ?? 'issue',
      },
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const form = useForm<RecurringForm>({ initialValues: initial });
  const pickCustomer = useCustomerDefaults(form as never, !existing);
  const setPaused = useApiMutation('recurring.setPaused', { invalidates: ['recurring', 'documents'] });
  const remove = useApiMutation('recurring.delete', {
    invalidates: ['recurring'],
    success: () => t('recurring.deleted'),
  });
  useUnsavedGuard(form.isDirty() && !saving);
  const v = form.getValues();
  const s = v.schedule;

  // More than one invoice already due: the server asks what to make (see recurring.ts).
  const [catchUpQuestion, setCatchUpQuestion] = useState<string | null>(null);

  const save = async (catchUp?: CatchUpChoice) => {
    setCatchUpQuestion(null);
    const errors: Record<string, string> = localErrors(v, settings.preferences.baseCurrency, sep);
    if (!s.name.trim()) errors['schedule.name'] = t('recurring.errors.name');
    form.setErrors(errors);
    if (Object.keys(errors).length) return;
    const { type: _type, issueDate: _issue, relatedId: _related, ...template } = toInput(v, sep);
    const input = {
      name: s.name,
      template,
      mode: s.mode,
      ...(catchUp ? { catchUp } : {}),
      schedule: {
        frequency: s.frequency,
        interval: s.interval,
        dayOfMonth:
          s.frequency === 'weekly' || s.day === 'start'
            ? null
            : s.day === 'last'
              ? ('last' as const)
              : Number(s.day),
        startDate: s.startDate,
        endDate: s.ends === 'date' ? s.endDate : null,
        count: s.ends === 'count' ? s.count : null,
      },
    };
    setSaving(true);
    try {
      const saved = existing
        ? await call('recurring.update', { ...input, id: existing.id, version: loadedVersion })
        : await call('recurring.create', input);
      form.resetDirty();
      await Promise.all(['recurring', 'documents'].map((d) => client.invalidateQueries({ queryKey: [d] })));
      void navigate(`/invoices/recurring/${saved.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.fields.catchUp) setCatchUpQuestion(error.fields.catchUp);
      else if (error instanceof ApiError && Object.keys(error.fields).length) {
        form.setErrors(
          Object.fromEntries(
            Object.entries(error.fields).map(([k, m]) => [
              k.startsWith('template.')
                ? formPath(k.slice(9))
                : k === 'name'
                  ? 'schedule.name'
                  : k.startsWith('schedule.')
                    ? k
                    : k,
              m,
            ]),
          ),
        );
      } else notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  const schedule = (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t('recurring.schedule.title')}
        </Title>
        <TextInput
          label={t('common.name')}
          withAsterisk
          placeholder={t('recurring.schedule.namePlaceholder')}
          {...form.getInputProps('schedule.name')}
        />
        <Group grow>
          <Select
            label={t('recurring.schedule.repeats')}
            allowDeselect={false}
            data={[
              { value: 'weekly', label: t('recurring.frequency.weekly') },
              { value: 'monthly', label: t('recurring.frequency.monthly') },
              { value: 'quarterly', label: t('recurring.frequency.quarterly') },
              { value: 'yearly', label: t('recurring.frequency.yearly') },
            ]}
            {...form.getInputProps('schedule.frequency')}
          />
          <NumberInput
            label={t('recurring.schedule.every')}
            min={1}
            max={52}
            allowDecimal={false}
            {...form.getInputProps('schedule.interval')}
          />
        </Group>
        {s.frequency !== 'weekly' && (
          <Select
            label={t('recurring.schedule.onDay')}
            allowDeselect={false}
            data={[
              { value: 'start', label: t('recurring.schedule.sameDay') },
              ...Array.from({ length: 31 }, (_, i) => ({
                value: String(i + 1),
                label: t('recurring.schedule.day', { day: i + 1 }),
              })),
              { value: 'last', label: t('recurring.schedule.lastDay') },
            ]}
            {...form.getInputProps('schedule.day')}
          />
        )}
        <DateField label={t('recurring.schedule.firstDate')} {...form.getInputProps('schedule.startDate')} />
        <Radio.Group label={t('recurring.schedule.ends')} {...form.getInputProps('schedule.ends')}>
          <Stack gap={4} mt={4}>
            <Radio value="never" label={t('recurring.schedule.never')} />
            <Radio value="date" label={t('recurring.schedule.onDate')} />
            <Radio value="count" label={t('recurring.schedule.afterCount')} />
          </Stack>
        </Radio.Group>
        {s.ends === 'date' && (
          <DateField label={t('recurring.schedule.endDate')} {...form.getInputProps('schedule.endDate')} />
        )}
        {s.ends === 'count' && (
          <NumberInput
            label={t('recurring.schedule.count')}
            min={1}
            allowDecimal={false}
            {...form.getInputProps('schedule.count')}
          />
        )}
        <Radio.Group label={t('recurring.schedule.mode')} {...form.getInputProps('schedule.mode')}>
          <Stack gap={4} mt={4}>
            <Radio value="issue" label={t('recurring.schedule.modeIssue')} />
            <Radio value="draft" label={t('recurring.schedule.modeDraft')} />
          </Stack>
        </Radio.Group>
        <Text size="xs" c="dimmed">
          {t('recurring.schedule.hint')}
        </Text>
      </Stack>
    </Card>
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Stack gap={2}>
          <Anchor component={Link} to="/invoices/recurring" size="sm">
            ← {t('recurring.list.label')}
          </Anchor>
          <Title order={1} size="h2">
            {existing ? existing.name : t('recurring.new')}
          </Title>
          {existing && (
            <Text size="sm" c="dimmed">
              {existing.description} · {t('recurring.editor.madeSoFar', { count: existing.generated })}
              {existing.paused ? ` · ${t('recurring.editor.paused')}` : ''}
            </Text>
          )}
        </Stack>
        <Group>
          {existing && (
            <>
              <Button
                variant="default"
                onClick={() =>
                  setPaused.mutate({ id: existing.id, paused: !existing.paused }, { onError: notifyError })
                }
              >
                {existing.paused ? t('recurring.editor.resume') : t('recurring.editor.pause')}
              </Button>
              <Button
                variant="subtle"
                color="red"
                onClick={() =>
                  modals.openConfirmModal({
                    title: t('recurring.editor.deleteTitle'),
                    children: <Text size="sm">{t('recurring.editor.deleteBody')}</Text>,
                    labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
                    confirmProps: { color: 'red' },
                    onConfirm: () =>
                      remove.mutate(
                        { id: existing.id },
                        { onSuccess: () => void navigate('/invoices/recurring'), onError: notifyError },
                      ),
                  })
                }
              >
                {t('common.delete')}
              </Button>
            </>
          )}
          <Button onClick={() => void save()} loading={saving}>
            {existing ? t('recurring.editor.save') : t('recurring.editor.saveAndStart')}
          </Button>
        </Group>
      </Group>
      <Modal
        opened={catchUpQuestion !== null}
        onClose={() => setCatchUpQuestion(null)}
        title={t('recurring.catchUp.title')}
      >
        <Stack>
          <Text size="sm">{catchUpQuestion}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setCatchUpQuestion(null)}>
              {t('common.cancel')}
            </Button>
            <Button variant="default" onClick={() => void save('skip')}>
              {t('recurring.catchUp.skip')}
            </Button>
            <Button variant="light" onClick={() => void save('draft')}>
              {t('recurring.catchUp.drafts')}
            </Button>
            <Button onClick={() => void save('issue')}>{t('recurring.catchUp.issue')}</Button>
          </Group>
        </Stack>
      </Modal>
      {existing && (
        <SimpleGrid cols={2}>
          <Card withBorder>
            <Title order={2} size="h5" mb="xs">
              {t('recurring.editor.upcoming')}
            </Title>
            {existing.upcoming.length === 0 ? (
              <Text size="sm" c="dimmed">
                {existing.paused ? t('recurring.editor.pausedHint') : t('recurring.editor.ended')}
              </Text>
            ) : (
              <List size="sm" aria-label={t('recurring.editor.upcomingLabel')}>
                {existing.upcoming.map((o) => (
                  <List.Item key={o.index}>{formatDate(o.date, settings.preferences.locale)}</List.Item>
                ))}
              </List>
            )}
          </Card>
          <Card withBorder>
            <Title order={2} size="h5" mb="xs">
              {t('recurring.editor.made')}
            </Title>
            {existing.documents.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('recurring.editor.noneYet')}
              </Text>
            ) : (
              <Stack gap={4} aria-label={t('recurring.editor.madeLabel')}>
                {existing.documents.map((d) => (
                  <Group key={d.id} gap="xs">
                    <Anchor component={Link} to={`/invoices/${d.id}`} size="sm">
                      {d.number ?? t('documents.draft')}
                    </Anchor>
                    <Text size="sm">{formatDate(d.date, settings.preferences.locale)}</Text>
                    {d.status !== 'deleted' && <StatusBadge status={d.status as DisplayStatus} />}
                  </Group>
                ))}
              </Stack>
            )}
          </Card>
        </SimpleGrid>
      )}
      <DocumentFields
        form={form as never}
        type="invoice"
        withIssueDate={false}
        pickCustomer={(id) => void pickCustomer(id)}
        aside={schedule}
      />
    </Stack>
  );
}

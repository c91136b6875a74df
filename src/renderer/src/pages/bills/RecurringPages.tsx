import { useTranslation } from 'react-i18next';
import { Loaded } from '../../components/PageState';
import { localToday } from '../../../../shared/domain/dates';
import {
  Anchor,
  Card,
  Grid,
  NumberInput,
  SegmentedControl,
  Select,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconRepeat } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import type { RecurringBill } from '../../../../shared/api/payables';
import { FREQUENCIES, type Frequency } from '../../../../shared/domain/schedule';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { CurrencySelect } from '../../components/CurrencySelect';
import { useSuggestedRate } from './parts/useSuggestedRate';
import { ExchangeRateField } from './parts/ExchangeRateField';
import { showApiError, useEditVersion } from '../../lib/forms';
import { DateField } from './parts/DateField';
import { LinesEditor, newLine, toLineInput, type LineValues } from './parts/LinesEditor';
import { PAYABLES, useFormat } from './parts/format';
import { RecordList } from './parts/RecordList';
import { FREQUENCY } from './parts/labels';
import { RecordForm, SaveButton } from './parts/RecordForm';
import { VendorSelect } from './parts/VendorSelect';
import { useChosenVendor, useSaveAndGo } from './parts/useRecordForm';
import { parseRateInput } from '../../../../shared/domain/number-input';
import { useDecimalSeparator } from '../../lib/numbers';

/** Recurring bills (rent, subscriptions): each makes its bills on schedule, exactly once. */
export function RecurringListPage() {
  const { money, date } = useFormat();
  const { t } = useTranslation();
  const list = useApi('bills.recurring.list', {});
  const setActive = useApiMutation('bills.recurring.setActive', { invalidates: PAYABLES });
  return (
    <RecordList
      rows={list.data}
      label={t('recurringBills.list.label')}
      loadingLabel={t('recurringBills.list.loading')}
      empty={{
        icon: IconRepeat,
        title: t('recurringBills.list.emptyTitle'),
        description: t('recurringBills.list.emptyText'),
      }}
      newTo="/bills/recurring/new"
      newLabel={t('recurringBills.new')}
      columns={[
        { header: t('common.name') },
        { header: t('common.vendor') },
        { header: t('recurringBills.list.schedule') },
        { header: t('recurringBills.list.next') },
        { header: t('recurringBills.list.made'), numeric: true },
        { header: t('common.amount'), numeric: true },
        { header: t('recurringBills.list.active') },
      ]}
      row={(r) => (
        <>
          <Table.Td>
            <Anchor component={Link} to={`/bills/recurring/${r.id}`} size="sm">
              {r.name}
            </Anchor>
          </Table.Td>
          <Table.Td>{r.vendorName}</Table.Td>
          <Table.Td>{r.scheduleLabel}</Table.Td>
          <Table.Td>
            {r.nextDates.length ? (
              r.nextDates.map(date).join(', ')
            ) : (
              <Text c="dimmed" size="sm">
                {t('common.none')}
              </Text>
            )}
          </Table.Td>
          <Table.Td className="num">{r.billsCreated}</Table.Td>
          <Table.Td className="num">{money(r.total, r.currency)}</Table.Td>
          <Table.Td>
            <Switch
              aria-label={t('recurringBills.list.activeLabel', { name: r.name })}
              checked={r.active}
              onChange={(e) =>
                setActive.mutate({ id: r.id, active: e.currentTarget.checked }, { onError: notifyError })
              }
            />
          </Table.Td>
        </>
      )}
    />
  );
}

interface RecurringValues {
  vendorId: string | null;
  name: string;
  frequency: Frequency;
  interval: number | string;
  dayOfMonth: string;
  startDate: string;
  ends: 'never' | 'on' | 'after';
  endDate: string;
  count: number | string;
  createAs: 'draft' | 'awaiting_payment';
  currency: string;
  exchangeRate: string;
  lines: LineValues[];
  notes: string;
}

function fromRecurring(r: RecurringBill): RecurringValues {
  return {
    vendorId: String(r.vendorId),
    name: r.name,
    frequency: r.frequency,
    interval: r.interval,
    dayOfMonth: r.dayOfMonth === null ? '' : String(r.dayOfMonth),
    startDate: r.startDate,
    ends: r.endDate ? 'on' : r.count ? 'after' : 'never',
    endDate: r.endDate ?? '',
    count: r.count ?? 12,
    createAs: r.createAs,
    currency: r.currency,
    exchangeRate: r.exchangeRate,
    lines: r.lines.map((l) =>
      newLine({
        description: l.description,
        categoryId: l.categoryId ? String(l.categoryId) : null,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        tax: l.tax,
      }),
    ),
    notes: r.notes,
  };
}

export function RecurringFormPage() {
  const { id } = useParams();
  const rid = id && id !== 'new' ? Number(id) : null;
  const existing = useApi('bills.recurring.get', { id: rid ?? 0 }, { enabled: rid !== null });
  if (rid === null) return <RecurringForm key="new" template={null} />;
  return <Loaded query={existing}>{(template) => <RecurringForm key={rid} template={template} />}</Loaded>;
}

function RecurringForm({ template }: { template: RecurringBill | null }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const sep = useDecimalSeparator();
  const { locale, date } = useFormat();
  const form = useForm<RecurringValues>({
    initialValues: template
      ? fromRecurring(template)
      : {
          vendorId: null,
          name: '',
          frequency: 'monthly',
          interval: 1,
          dayOfMonth: '',
          startDate: localToday(),
          ends: 'never',
          endDate: '',
          count: 12,
          createAs: 'awaiting_payment',
          currency: settings.preferences.baseCurrency,
          exchangeRate: '',
          lines: [newLine()],
          notes: '',
        },
  });
  const saved = useSaveAndGo(form.isDirty(), () => '/bills/recurring');
  const create = useApiMutation('bills.recurring.create', { invalidates: PAYABLES });
  const update = useApiMutation('bills.recurring.update', { invalidates: PAYABLES });
  const [loadedVersion] = useEditVersion(template);
  const values = form.getValues();
  const { vendorId } = useChosenVendor(form, !template);
  // Every bill of a template in another currency is made at the rate stored with it,
  // prefilled with the vendor's last rate.
  const foreign = values.currency !== settings.preferences.baseCurrency;
  useSuggestedRate(form, {
    vendorId,
    currency: values.currency,
    foreign,
    savedCurrency: template?.currency,
  });

  const submit = (v: RecurringValues) => {
    if (foreign && parseRateInput(v.exchangeRate, sep) === null) {
      form.setFieldError(
        'exchangeRate',
        t('payables.rate.enter', { currency: v.currency, base: settings.preferences.baseCurrency }),
      );
      return;
    }
    const input = {
      vendorId: vendorId ?? 0,
      name: v.name,
      frequency: v.frequency,
      interval: Number(v.interval),
      dayOfMonth:
        v.frequency === 'weekly' || v.dayOfMonth === ''
          ? null
          : v.dayOfMonth === 'last'
            ? ('last' as const)
            : Number(v.dayOfMonth),
      startDate: v.startDate,
      endDate: v.ends === 'on' ? v.endDate : null,
      count: v.ends === 'after' ? Number(v.count) : null,
      createAs: v.createAs,
      currency: v.currency,
      ...(foreign ? { exchangeRate: parseRateInput(v.exchangeRate, sep) ?? v.exchangeRate.trim() } : {}),
      lines: v.lines.map((l) => {
        const { purchaseOrderLineId: _p, ...rest } = toLineInput(l);
        return rest;
      }),
      notes: v.notes,
    };
    const onError = (e: unknown) =>
      showApiError(form, e, { stripPrefix: template ? 'template.' : undefined });
    const onSuccess = (r: RecurringBill) => {
      form.resetDirty();
      saved(r.id);
    };
    if (template)
      update.mutate({ id: template.id, version: loadedVersion, template: input }, { onSuccess, onError });
    else create.mutate(input, { onSuccess, onError });
  };

  const days = [
    { value: '', label: t('recurringBills.form.sameDay') },
    ...Array.from({ length: 31 }, (_, i) => ({
      value: String(i + 1),
      label: t('recurringBills.form.day', { n: i + 1 }),
    })),
    { value: 'last', label: t('recurringBills.form.lastDay') },
  ];
  return (
    <RecordForm
      section
      title={template ? template.name : t('recurringBills.new')}
      cancelTo="/bills/recurring"
      intro={
        template && (
          <Text size="sm" c="dimmed">
            {t('recurringBills.form.madeSoFar', { count: template.billsCreated })}
            {template.nextDates.length > 0 &&
              ` ${t('recurringBills.form.next', { dates: template.nextDates.map(date).join(', ') })}`}
          </Text>
        )
      }
      onSubmit={form.onSubmit(submit)}
      footer={
        <SaveButton
          editing={template !== null}
          label={t('recurringBills.form.save')}
          loading={create.isPending || update.isPending}
        />
      }
    >
      <Card withBorder padding="lg">
        <Grid gap="sm">
          <Grid.Col span={6}>
            <VendorSelect {...form.getInputProps('vendorId')} />
          </Grid.Col>
          <Grid.Col span={6}>
            <TextInput
              label={t('common.name')}
              withAsterisk
              placeholder={t('recurringBills.form.namePlaceholder')}
              {...form.getInputProps('name')}
            />
          </Grid.Col>
          <Grid.Col span={3}>
            <Select
              label={t('recurringBills.form.repeats')}
              data={FREQUENCIES.map((f) => ({ value: f, label: t(FREQUENCY[f]) }))}
              allowDeselect={false}
              {...form.getInputProps('frequency')}
            />
          </Grid.Col>
          <Grid.Col span={2}>
            <NumberInput
              label={t('recurringBills.form.every')}
              min={1}
              max={52}
              allowDecimal={false}
              {...form.getInputProps('interval')}
            />
          </Grid.Col>
          <Grid.Col span={4}>
            <Select
              label={t('recurringBills.form.on')}
              data={days}
              disabled={values.frequency === 'weekly'}
              allowDeselect={false}
              {...form.getInputProps('dayOfMonth')}
            />
          </Grid.Col>
          <Grid.Col span={3}>
            <DateField label={t('recurringBills.form.startDate')} {...form.getInputProps('startDate')} />
          </Grid.Col>
          <Grid.Col span={5}>
            <Text size="sm" fw={500} mb={4}>
              {t('recurringBills.form.ends')}
            </Text>
            <SegmentedControl
              aria-label={t('recurringBills.form.ends')}
              data={[
                { value: 'never', label: t('recurringBills.form.never') },
                { value: 'on', label: t('recurringBills.form.onDate') },
                { value: 'after', label: t('recurringBills.form.afterCount') },
              ]}
              {...form.getInputProps('ends')}
            />
          </Grid.Col>
          <Grid.Col span={3}>
            {values.ends === 'on' && (
              <DateField label={t('recurringBills.form.endDate')} {...form.getInputProps('endDate')} />
            )}
            {values.ends === 'after' && (
              <NumberInput
                label={t('recurringBills.form.count')}
                min={1}
                allowDecimal={false}
                {...form.getInputProps('count')}
              />
            )}
          </Grid.Col>
          <Grid.Col span={4}>
            <Select
              label={t('recurringBills.form.createAs')}
              data={[
                { value: 'awaiting_payment', label: t('bills.status.awaitingPayment') },
                { value: 'draft', label: t('recurringBills.form.asDraft') },
              ]}
              allowDeselect={false}
              {...form.getInputProps('createAs')}
            />
          </Grid.Col>
          <Grid.Col span={4}>
            <CurrencySelect
              label={t('common.currency')}
              locale={locale}
              {...form.getInputProps('currency')}
            />
          </Grid.Col>
          {foreign && (
            <Grid.Col span={4}>
              <ExchangeRateField
                currency={values.currency}
                description={t('recurringBills.form.rateHint')}
                {...form.getInputProps('exchangeRate')}
              />
            </Grid.Col>
          )}
        </Grid>
      </Card>
      <Card withBorder padding="lg">
        <Title order={3} size="h5" mb="xs">
          {t('recurringBills.form.eachBill')}
        </Title>
        <LinesEditor form={form} currency={values.currency} />
        <Textarea label={t('common.notes')} mt="sm" autosize minRows={2} {...form.getInputProps('notes')} />
      </Card>
    </RecordForm>
  );
}

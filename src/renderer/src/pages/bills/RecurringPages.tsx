import { Loaded } from '../../components/PageState';
import { localToday } from '../../../../shared/domain/dates';
import {
  Anchor,
  Button,
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
import { showApiError } from '../../lib/forms';
import { DateField } from './parts/DateField';
import { LinesEditor, newLine, toLineInput, type LineValues } from './parts/LinesEditor';
import { PAYABLES, useFormat } from './parts/format';
import { RecordList } from './parts/RecordList';
import { RecordForm } from './parts/RecordForm';
import { VendorSelect } from './parts/VendorSelect';
import { useChosenVendor, useSaveAndGo } from './parts/useRecordForm';
import { parseRateInput } from '../../../../shared/domain/number-input';
import { useDecimalSeparator } from '../../lib/numbers';

const FREQUENCY_LABELS: Record<Frequency, string> = {
  weekly: 'Weekly',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  yearly: 'Yearly',
};

/** Recurring bills (rent, subscriptions): each makes its bills on schedule, exactly once. */
export function RecurringListPage() {
  const { money, date } = useFormat();
  const list = useApi('bills.recurring.list', {});
  const setActive = useApiMutation('bills.recurring.setActive', { invalidates: PAYABLES });
  return (
    <RecordList
      rows={list.data}
      what="recurring bills"
      empty={{
        icon: IconRepeat,
        title: 'No recurring bills',
        description:
          'Rent, subscriptions and other regular bills can be entered once: Folio makes each bill on its date, even for the days it was closed.',
      }}
      newTo="/bills/recurring/new"
      newLabel="New recurring bill"
      columns={[
        { header: 'Name' },
        { header: 'Vendor' },
        { header: 'Schedule' },
        { header: 'Next bills' },
        { header: 'Made', numeric: true },
        { header: 'Amount', numeric: true },
        { header: 'Active' },
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
                None
              </Text>
            )}
          </Table.Td>
          <Table.Td className="num">{r.billsCreated}</Table.Td>
          <Table.Td className="num">{money(r.total, r.currency)}</Table.Td>
          <Table.Td>
            <Switch
              aria-label={`${r.name} active`}
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
        `Enter what 1 ${v.currency} is worth in ${settings.preferences.baseCurrency}, like 1.0845`,
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
    if (template) update.mutate({ id: template.id, template: input }, { onSuccess, onError });
    else create.mutate(input, { onSuccess, onError });
  };

  const days = [
    { value: '', label: 'Same day as the start date' },
    ...Array.from({ length: 31 }, (_, i) => ({ value: String(i + 1), label: `Day ${i + 1}` })),
    { value: 'last', label: 'Last day of the month' },
  ];
  return (
    <RecordForm
      section
      title={template ? template.name : 'New recurring bill'}
      cancelTo="/bills/recurring"
      cancelLabel="Cancel"
      intro={
        template && (
          <Text size="sm" c="dimmed">
            {template.billsCreated} bills made so far. Changes apply to the bills not made yet.
            {template.nextDates.length > 0 && ` Next: ${template.nextDates.map(date).join(', ')}.`}
          </Text>
        )
      }
      onSubmit={form.onSubmit(submit)}
      footer={
        <Button type="submit" loading={create.isPending || update.isPending}>
          {template ? 'Save changes' : 'Save recurring bill'}
        </Button>
      }
    >
      <Card withBorder padding="lg">
        <Grid gap="sm">
          <Grid.Col span={6}>
            <VendorSelect label="Vendor" {...form.getInputProps('vendorId')} />
          </Grid.Col>
          <Grid.Col span={6}>
            <TextInput label="Name" withAsterisk placeholder="Office rent" {...form.getInputProps('name')} />
          </Grid.Col>
          <Grid.Col span={3}>
            <Select
              label="Repeats"
              data={FREQUENCIES.map((f) => ({ value: f, label: FREQUENCY_LABELS[f] }))}
              allowDeselect={false}
              {...form.getInputProps('frequency')}
            />
          </Grid.Col>
          <Grid.Col span={2}>
            <NumberInput
              label="Every"
              min={1}
              max={52}
              allowDecimal={false}
              {...form.getInputProps('interval')}
            />
          </Grid.Col>
          <Grid.Col span={4}>
            <Select
              label="On"
              data={days}
              disabled={values.frequency === 'weekly'}
              allowDeselect={false}
              {...form.getInputProps('dayOfMonth')}
            />
          </Grid.Col>
          <Grid.Col span={3}>
            <DateField label="Start date" {...form.getInputProps('startDate')} />
          </Grid.Col>
          <Grid.Col span={5}>
            <Text size="sm" fw={500} mb={4}>
              Ends
            </Text>
            <SegmentedControl
              aria-label="Ends"
              data={[
                { value: 'never', label: 'Never' },
                { value: 'on', label: 'On a date' },
                { value: 'after', label: 'After a number of bills' },
              ]}
              {...form.getInputProps('ends')}
            />
          </Grid.Col>
          <Grid.Col span={3}>
            {values.ends === 'on' && <DateField label="End date" {...form.getInputProps('endDate')} />}
            {values.ends === 'after' && (
              <NumberInput
                label="Number of bills"
                min={1}
                allowDecimal={false}
                {...form.getInputProps('count')}
              />
            )}
          </Grid.Col>
          <Grid.Col span={4}>
            <Select
              label="Each bill is"
              data={[
                { value: 'awaiting_payment', label: 'Awaiting payment' },
                { value: 'draft', label: 'A draft to approve' },
              ]}
              allowDeselect={false}
              {...form.getInputProps('createAs')}
            />
          </Grid.Col>
          <Grid.Col span={4}>
            <CurrencySelect label="Currency" locale={locale} {...form.getInputProps('currency')} />
          </Grid.Col>
          {foreign && (
            <Grid.Col span={4}>
              <ExchangeRateField
                currency={values.currency}
                description="Every bill it makes is at this rate"
                {...form.getInputProps('exchangeRate')}
              />
            </Grid.Col>
          )}
        </Grid>
      </Card>
      <Card withBorder padding="lg">
        <Title order={3} size="h5" mb="xs">
          Each bill
        </Title>
        <LinesEditor form={form} currency={values.currency} />
        <Textarea label="Notes" mt="sm" autosize minRows={2} {...form.getInputProps('notes')} />
      </Card>
    </RecordForm>
  );
}

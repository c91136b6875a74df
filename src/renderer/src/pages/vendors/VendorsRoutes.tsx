import { useTranslation } from 'react-i18next';
import { formatIban, normalizeIban } from '../../../../shared/domain/iban';
import { Loaded } from '../../components/PageState';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconBuildingStore, IconSearch } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import type { Vendor, VendorInput } from '../../../../shared/api/payables';
import { describeEarlyPaymentTerms } from '../../../../shared/domain/early-payment';
import { addressOneLine } from '../../../../shared/domain/address';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { AddressFields } from '../../components/AddressFields';
import { CurrencySelect } from '../../components/CurrencySelect';
import { PaymentTermsField } from '../../components/PaymentTermsField';
import { showApiError, useEditVersion } from '../../lib/forms';
import { BillTable } from '../bills/parts/BillTable';
import { PAYABLES, formatTotals, useFormat } from '../bills/parts/format';
import type { PaymentTerms } from '../../../../shared/domain/terms';
import { VendorPaymentModal } from './VendorPaymentModal';
import { FirstRecord } from '../bills/parts/FirstRecord';
import { DetailHeader } from '../bills/parts/DetailHeader';
import { Fact } from '../bills/parts/Fact';
import { PageLoader } from '../bills/parts/PageLoader';
import { RecordForm, SaveButton } from '../bills/parts/RecordForm';
import { useSaveAndGo } from '../bills/parts/useRecordForm';
import { DecimalInput } from '../../components/DecimalInput';
import { VendorCredits } from '../einvoice-in/VendorCredits';

export function VendorsRoutes() {
  return (
    <Routes>
      <Route index element={<VendorsList />} />
      <Route path="new" element={<VendorFormPage />} />
      <Route path=":id" element={<VendorPage />} />
      <Route path=":id/edit" element={<VendorFormPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function VendorsList() {
  const { t } = useTranslation();
  const { money, baseCurrency } = useFormat();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [archived, setArchived] = useState(false);
  const [debounced] = useDebouncedValue(search, 200);
  const searchRef = useRef<HTMLInputElement>(null);
  useHotkeys([
    ['n', () => void navigate('/vendors/new')],
    ['/', () => searchRef.current?.focus()],
  ]);
  const list = useApi('vendors.list', { search: debounced, includeArchived: archived });
  const none = list.data && list.data.length === 0 && !debounced && !archived;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('vendors.title')}
        </Title>
        <Button component={Link} to="/vendors/new">
          {t('vendors.new')}
        </Button>
      </Group>
      {none ? (
        <FirstRecord
          icon={IconBuildingStore}
          title={t('vendors.list.emptyTitle')}
          description={t('vendors.list.emptyText')}
        >
          <Button component={Link} to="/vendors/new">
            {t('vendors.list.addFirst')}
          </Button>
        </FirstRecord>
      ) : (
        <>
          <Group justify="space-between">
            <TextInput
              ref={searchRef}
              aria-label={t('vendors.list.search')}
              placeholder={t('vendors.list.searchHint')}
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={360}
            />
            <Switch
              label={t('vendors.list.showArchived')}
              checked={archived}
              onChange={(e) => setArchived(e.currentTarget.checked)}
            />
          </Group>
          <Table aria-label={t('vendors.title')} withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.name')}</Table.Th>
                <Table.Th>{t('vendors.contact')}</Table.Th>
                <Table.Th>{t('vendors.terms')}</Table.Th>
                <Table.Th className="num">{t('vendors.openBills')}</Table.Th>
                <Table.Th className="num">{t('vendors.owed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(list.data ?? []).map((v) => (
                <Table.Tr key={v.id} c={v.archived ? 'dimmed' : undefined}>
                  <Table.Td>
                    <Anchor component={Link} to={`/vendors/${v.id}`} size="sm">
                      {v.name}
                    </Anchor>
                    {v.archived && (
                      <Badge
                        size="xs"
                        ml={6}
                        variant="outline"
                        color="gray"
                        style={{ textTransform: 'none' }}
                      >
                        {t('vendors.archived')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{v.contactName}</Text>
                    <Text size="xs" c="dimmed">
                      {v.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>{v.termsLabel}</Table.Td>
                  <Table.Td className="num">
                    {v.openBills}
                    {v.overdueBills > 0 && (
                      <Text span size="xs" c="red" ml={6}>
                        {t('vendors.overdue', { count: v.overdueBills })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="num">
                    {formatTotals(v.openBalances, money, v.currency || baseCurrency)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {list.data?.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('vendors.list.noMatch', { search: debounced })}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

function VendorPage() {
  const id = Number(useParams().id);
  const { t } = useTranslation();
  const { money, date, baseCurrency } = useFormat();
  const vendor = useApi('vendors.get', { id });
  const bills = useApi('bills.list', { vendorId: id, limit: 100 });
  const payments = useApi('billPayments.list', { vendorId: id, limit: 20 });
  const categories = useApi('expenseCategories.list', {});
  const archive = useApiMutation('vendors.setArchived', { invalidates: PAYABLES });
  const [paying, setPaying] = useState(false);
  if (vendor.error) return <Alert color="red">{vendor.error.message}</Alert>;
  if (!vendor.data) return <PageLoader label={t('vendors.page.loading')} />;
  const v = vendor.data;
  const address = addressOneLine(v.address);
  const category = categories.data?.find((c) => c.id === v.defaultCategoryId)?.name;
  return (
    <Stack gap="md" maw={1200}>
      <DetailHeader
        title={v.name}
        badge={
          v.archived && (
            <Badge variant="outline" color="gray" style={{ textTransform: 'none' }}>
              {t('vendors.archived')}
            </Badge>
          )
        }
        actions={
          <>
            <Button
              variant="default"
              onClick={() => archive.mutate({ id, archived: !v.archived }, { onError: notifyError })}
            >
              {v.archived ? t('vendors.page.restore') : t('vendors.page.archive')}
            </Button>
            <Button variant="default" component={Link} to={`/vendors/${id}/edit`}>
              {t('common.edit')}
            </Button>
            {v.openBills > 0 && (
              <Button variant="default" onClick={() => setPaying(true)}>
                {t('payables.payment.record')}
              </Button>
            )}
            {!v.archived && (
              <Button component={Link} to={`/bills/new?vendor=${id}`}>
                {t('bills.newBill')}
              </Button>
            )}
          </>
        }
      />
      {paying && <VendorPaymentModal vendor={v} onClose={() => setPaying(false)} />}
      <Grid gap="md">
        <Grid.Col span={8}>
          <Card withBorder padding="lg">
            <SimpleGrid cols={3} spacing="sm">
              <Fact label={t('vendors.owed')} numeric>
                {formatTotals(v.openBalances, money, v.currency || baseCurrency)}
              </Fact>
              <Fact label={t('vendors.openBills')}>
                {v.openBills}
                {v.overdueBills > 0 && (
                  <Text
                    span
                    c="red"
                    size="sm"
                  >{` (${t('vendors.overdue', { count: v.overdueBills })})`}</Text>
                )}
              </Fact>
              <Fact label={t('vendors.terms')}>{v.termsLabel}</Fact>
              <Fact label={t('vendors.contact')}>
                {[v.contactName, v.email, v.phone].filter(Boolean).join(' · ') || '—'}
              </Fact>
              <Fact label={t('vendors.taxNumber')}>{v.taxNumber || '—'}</Fact>
              <Fact label={t('vendors.defaultCategory')}>{category ?? '—'}</Fact>
              <Fact label={t('common.address')}>{address || '—'}</Fact>
              <Fact label={t('common.currency')}>{v.currency}</Fact>
            </SimpleGrid>
          </Card>
        </Grid.Col>
        <Grid.Col span={4}>
          <Card withBorder padding="lg" h="100%">
            <Text size="xs" c="dimmed">
              {t('vendors.page.bankDetails')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} ff="monospace">
              {v.bankDetails || '—'}
            </Text>
            {v.bankDetailsChangedAt && (
              <Text size="xs" c="orange.8" mt={4}>
                {t('vendors.page.bankChanged', { date: date(v.bankDetailsChangedAt.slice(0, 10)) })}
              </Text>
            )}
            {v.notes && (
              <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {v.notes}
              </Text>
            )}
          </Card>
        </Grid.Col>
      </Grid>
      <Title order={2} size="h4">
        {t('purchaseOrders.list.bills')}
      </Title>
      {bills.data && bills.data.rows.length > 0 ? (
        <BillTable
          rows={bills.data.rows}
          label={t('vendors.page.billsFrom', { name: v.name })}
          showBillDate
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t('vendors.page.noBills', { name: v.name })}
        </Text>
      )}
      {payments.data && payments.data.length > 0 && (
        <>
          <Title order={2} size="h4">
            {t('payables.payments')}
          </Title>
          <Table aria-label={t('vendors.page.paymentsTo', { name: v.name })} withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.date')}</Table.Th>
                <Table.Th>{t('purchaseOrders.list.bills')}</Table.Th>
                <Table.Th>{t('common.reference')}</Table.Th>
                <Table.Th className="num">{t('common.amount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {payments.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{date(p.paymentDate)}</Table.Td>
                  <Table.Td>
                    {p.allocations.map((a, i) => (
                      <span key={a.billId}>
                        {i > 0 && ', '}
                        <Anchor component={Link} to={`/bills/${a.billId}`} size="sm">
                          {a.vendorInvoiceNumber || `#${a.billId}`}
                        </Anchor>
                      </span>
                    ))}
                  </Table.Td>
                  <Table.Td>{p.reference}</Table.Td>
                  <Table.Td className="num">{money(p.amount, p.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <VendorCredits vendorId={v.id} vendorName={v.name} />
    </Stack>
  );
}

interface VendorValues {
  name: string;
  contactName: string;
  email: string;
  phone: string;
  address: Vendor['address'];
  taxNumber: string;
  currency: string;
  defaultCategoryId: string | null;
  paymentTerms: PaymentTerms;
  discountPercent: number | string;
  discountDays: number | string;
  bankDetails: string;
  iban: string;
  bic: string;
  notes: string;
}

function VendorFormPage() {
  const { id } = useParams();
  const vid = id ? Number(id) : null;
  const existing = useApi('vendors.get', { id: vid ?? 0 }, { enabled: vid !== null });
  if (vid === null) return <VendorForm key="new" vendor={null} />;
  return <Loaded query={existing}>{(vendor) => <VendorForm key={vid} vendor={vendor} />}</Loaded>;
}

function VendorForm({ vendor }: { vendor: Vendor | null }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const { locale } = useFormat();
  const categories = useApi('expenseCategories.list', {});
  const form = useForm<VendorValues>({
    initialValues: {
      name: vendor?.name ?? '',
      contactName: vendor?.contactName ?? '',
      email: vendor?.email ?? '',
      phone: vendor?.phone ?? '',
      address: vendor?.address ?? { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
      taxNumber: vendor?.taxNumber ?? '',
      currency: vendor?.currency ?? settings.preferences.baseCurrency,
      defaultCategoryId: vendor?.defaultCategoryId ? String(vendor.defaultCategoryId) : null,
      paymentTerms: vendor?.paymentTerms ?? settings.preferences.defaultPaymentTerms,
      discountPercent: vendor?.earlyPayment?.discountPercent ?? '',
      discountDays: vendor?.earlyPayment?.days ?? '',
      bankDetails: vendor?.bankDetails ?? '',
      iban: vendor?.iban ? formatIban(vendor.iban) : '',
      bic: vendor?.bic ?? '',
      notes: vendor?.notes ?? '',
    },
  });
  const saved = useSaveAndGo(form.isDirty(), (id) => `/vendors/${id}`);
  const create = useApiMutation('vendors.create', {
    invalidates: PAYABLES,
    success: t('vendors.form.saved'),
  });
  const [loadedVersion] = useEditVersion(vendor);
  const update = useApiMutation('vendors.update', {
    invalidates: PAYABLES,
    success: t('vendors.form.saved'),
  });
  const values = form.getValues();
  const early =
    values.discountPercent !== '' &&
    Number.isFinite(Number(values.discountPercent)) &&
    Number(values.discountPercent) > 0
      ? {
          discountBp: Math.round(Number(values.discountPercent) * 100),
          days: Number(values.discountDays || 0),
        }
      : null;
  const bankChanged =
    vendor &&
    ((vendor.bankDetails && values.bankDetails !== vendor.bankDetails) ||
      (vendor.iban && normalizeIban(values.iban) !== vendor.iban));

  const submit = (v: VendorValues) => {
    const input: VendorInput = {
      name: v.name,
      contactName: v.contactName,
      email: v.email,
      phone: v.phone,
      address: v.address,
      taxNumber: v.taxNumber,
      currency: v.currency,
      defaultCategoryId: v.defaultCategoryId ? Number(v.defaultCategoryId) : null,
      paymentTerms: v.paymentTerms,
      earlyPayment:
        v.discountPercent === '' || Number(v.discountPercent) === 0
          ? null
          : { discountPercent: Number(v.discountPercent), days: Number(v.discountDays || 0) },
      bankDetails: v.bankDetails,
      iban: v.iban,
      bic: v.bic,
      notes: v.notes,
    };
    const handlers = {
      onSuccess: (vendorSaved: Vendor) => {
        form.resetDirty();
        saved(vendorSaved.id);
      },
      onError: (e: unknown) => {
        const fields = showApiError(form, e);
        for (const f of fields)
          if (f.startsWith('earlyPayment.'))
            form.setFieldError(
              f === 'earlyPayment.days' ? 'discountDays' : 'discountPercent',
              form.errors[f] as string,
            );
      },
    };
    if (vendor) update.mutate({ ...input, id: vendor.id, version: loadedVersion }, handlers);
    else create.mutate(input, handlers);
  };

  return (
    <RecordForm
      maw={900}
      title={vendor ? t('payables.form.editTitle', { name: vendor.name }) : t('vendors.new')}
      cancelTo={vendor ? `/vendors/${vendor.id}` : '/vendors'}
      onSubmit={form.onSubmit(submit)}
      footer={
        <SaveButton
          editing={vendor !== null}
          label={t('vendors.form.save')}
          loading={create.isPending || update.isPending}
        />
      }
    >
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <TextInput label={t('vendors.form.name')} withAsterisk {...form.getInputProps('name')} />
          <SimpleGrid cols={2} spacing="xs">
            <TextInput label={t('vendors.form.contactName')} {...form.getInputProps('contactName')} />
            <TextInput label={t('common.email')} {...form.getInputProps('email')} />
            <TextInput label={t('common.phone')} {...form.getInputProps('phone')} />
            <TextInput label={t('vendors.taxNumber')} {...form.getInputProps('taxNumber')} />
          </SimpleGrid>
          <AddressFields form={form} path="address" />
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Title order={2} size="h5">
            {t('vendors.form.billsAndPayment')}
          </Title>
          <SimpleGrid cols={2} spacing="xs">
            <CurrencySelect
              label={t('common.currency')}
              locale={locale}
              {...form.getInputProps('currency')}
            />
            <Select
              label={t('vendors.form.defaultCategory')}
              clearable
              data={(categories.data ?? [])
                .filter((c) => !c.archived)
                .map((c) => ({ value: String(c.id), label: c.name }))}
              {...form.getInputProps('defaultCategoryId')}
            />
          </SimpleGrid>
          <PaymentTermsField
            label={t('vendors.form.paymentTerms')}
            value={values.paymentTerms}
            onChange={(t) => form.setFieldValue('paymentTerms', t)}
            error={form.errors.paymentTerms as string | undefined}
          />
          <Group gap="xs" align="flex-start">
            <DecimalInput
              label={t('vendors.form.discount')}
              scale={2}
              min={0}
              max={50}
              unit="%"
              w={200}
              {...form.getInputProps('discountPercent')}
            />
            <NumberInput
              label={t('vendors.form.discountDays')}
              min={0}
              max={365}
              allowDecimal={false}
              hideControls
              w={200}
              {...form.getInputProps('discountDays')}
            />
            <Text size="sm" c="dimmed" mt={30}>
              {describeEarlyPaymentTerms(values.paymentTerms, early)}
            </Text>
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label="IBAN"
              description={t('vendors.form.ibanHint')}
              {...form.getInputProps('iban')}
            />
            <TextInput label="BIC" {...form.getInputProps('bic')} />
          </Group>
          <Textarea
            label={t('vendors.form.bankDetails')}
            description={t('vendors.form.bankDetailsHint')}
            autosize
            minRows={2}
            {...form.getInputProps('bankDetails')}
          />
          {bankChanged && (
            <Alert color="orange" variant="light">
              {t('vendors.form.bankWarning')}
            </Alert>
          )}
          <Textarea label={t('common.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        </Stack>
      </Card>
    </RecordForm>
  );
}

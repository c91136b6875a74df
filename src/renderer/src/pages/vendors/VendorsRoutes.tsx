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
import { showApiError } from '../../lib/forms';
import { BillTable } from '../bills/parts/BillTable';
import { PAYABLES, formatTotals, useFormat } from '../bills/parts/format';
import type { PaymentTerms } from '../../../../shared/domain/terms';
import { VendorPaymentModal } from './VendorPaymentModal';
import { FirstRecord } from '../bills/parts/FirstRecord';
import { DetailHeader } from '../bills/parts/DetailHeader';
import { Fact } from '../bills/parts/Fact';
import { PageLoader } from '../bills/parts/PageLoader';
import { RecordForm } from '../bills/parts/RecordForm';
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
          Vendors
        </Title>
        <Button component={Link} to="/vendors/new">
          New vendor
        </Button>
      </Group>
      {none ? (
        <FirstRecord
          icon={IconBuildingStore}
          title="No vendors yet"
          description="Add the suppliers who send you bills, with their payment terms and bank details."
        >
          <Button component={Link} to="/vendors/new">
            Add your first vendor
          </Button>
        </FirstRecord>
      ) : (
        <>
          <Group justify="space-between">
            <TextInput
              ref={searchRef}
              aria-label="Search vendors"
              placeholder="Search name, contact, email, tax number  ( / )"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={360}
            />
            <Switch
              label="Show archived"
              checked={archived}
              onChange={(e) => setArchived(e.currentTarget.checked)}
            />
          </Group>
          <Table aria-label="Vendors" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Contact</Table.Th>
                <Table.Th>Terms</Table.Th>
                <Table.Th className="num">Open bills</Table.Th>
                <Table.Th className="num">Owed</Table.Th>
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
                        Archived
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
                        {v.overdueBills} overdue
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
              No vendor matches “{debounced}”.
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}

function VendorPage() {
  const id = Number(useParams().id);
  const { money, date, baseCurrency } = useFormat();
  const vendor = useApi('vendors.get', { id });
  const bills = useApi('bills.list', { vendorId: id, limit: 100 });
  const payments = useApi('billPayments.list', { vendorId: id, limit: 20 });
  const categories = useApi('expenseCategories.list', {});
  const archive = useApiMutation('vendors.setArchived', { invalidates: PAYABLES });
  const [paying, setPaying] = useState(false);
  if (vendor.error) return <Alert color="red">{vendor.error.message}</Alert>;
  if (!vendor.data) return <PageLoader label="Loading the vendor" />;
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
              Archived
            </Badge>
          )
        }
        actions={
          <>
            <Button
              variant="default"
              onClick={() => archive.mutate({ id, archived: !v.archived }, { onError: notifyError })}
            >
              {v.archived ? 'Restore vendor' : 'Archive vendor'}
            </Button>
            <Button variant="default" component={Link} to={`/vendors/${id}/edit`}>
              Edit
            </Button>
            {v.openBills > 0 && (
              <Button variant="default" onClick={() => setPaying(true)}>
                Record payment
              </Button>
            )}
            {!v.archived && (
              <Button component={Link} to={`/bills/new?vendor=${id}`}>
                New bill
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
              <Fact label="Owed" numeric>
                {formatTotals(v.openBalances, money, v.currency || baseCurrency)}
              </Fact>
              <Fact label="Open bills">
                {v.openBills}
                {v.overdueBills > 0 && <Text span c="red" size="sm">{` (${v.overdueBills} overdue)`}</Text>}
              </Fact>
              <Fact label="Terms">{v.termsLabel}</Fact>
              <Fact label="Contact">
                {[v.contactName, v.email, v.phone].filter(Boolean).join(' · ') || '—'}
              </Fact>
              <Fact label="Tax number">{v.taxNumber || '—'}</Fact>
              <Fact label="Default category">{category ?? '—'}</Fact>
              <Fact label="Address">{address || '—'}</Fact>
              <Fact label="Currency">{v.currency}</Fact>
            </SimpleGrid>
          </Card>
        </Grid.Col>
        <Grid.Col span={4}>
          <Card withBorder padding="lg" h="100%">
            <Text size="xs" c="dimmed">
              Bank details (for your reference)
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} ff="monospace">
              {v.bankDetails || '—'}
            </Text>
            {v.bankDetailsChangedAt && (
              <Text size="xs" c="orange.8" mt={4}>
                Changed on {date(v.bankDetailsChangedAt.slice(0, 10))}: bills entered since are flagged for a
                check.
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
        Bills
      </Title>
      {bills.data && bills.data.rows.length > 0 ? (
        <BillTable rows={bills.data.rows} label={`Bills from ${v.name}`} showBillDate />
      ) : (
        <Text size="sm" c="dimmed">
          No bills from {v.name} yet.
        </Text>
      )}
      {payments.data && payments.data.length > 0 && (
        <>
          <Title order={2} size="h4">
            Payments
          </Title>
          <Table aria-label={`Payments to ${v.name}`} withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Bills</Table.Th>
                <Table.Th>Reference</Table.Th>
                <Table.Th className="num">Amount</Table.Th>
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
  const create = useApiMutation('vendors.create', { invalidates: PAYABLES, success: 'Vendor saved.' });
  const update = useApiMutation('vendors.update', { invalidates: PAYABLES, success: 'Vendor saved.' });
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
    if (vendor) update.mutate({ ...input, id: vendor.id }, handlers);
    else create.mutate(input, handlers);
  };

  return (
    <RecordForm
      maw={900}
      title={vendor ? `Edit ${vendor.name}` : 'New vendor'}
      cancelTo={vendor ? `/vendors/${vendor.id}` : '/vendors'}
      onSubmit={form.onSubmit(submit)}
      footer={
        <Button type="submit" loading={create.isPending || update.isPending}>
          {vendor ? 'Save changes' : 'Save vendor'}
        </Button>
      }
    >
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <TextInput label="Vendor name" withAsterisk {...form.getInputProps('name')} />
          <SimpleGrid cols={2} spacing="xs">
            <TextInput label="Contact name" {...form.getInputProps('contactName')} />
            <TextInput label="Email" {...form.getInputProps('email')} />
            <TextInput label="Phone" {...form.getInputProps('phone')} />
            <TextInput label="Tax number" {...form.getInputProps('taxNumber')} />
          </SimpleGrid>
          <AddressFields form={form} path="address" />
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Title order={2} size="h5">
            Bills and payment
          </Title>
          <SimpleGrid cols={2} spacing="xs">
            <CurrencySelect label="Currency" locale={locale} {...form.getInputProps('currency')} />
            <Select
              label="Default expense category"
              clearable
              data={(categories.data ?? [])
                .filter((c) => !c.archived)
                .map((c) => ({ value: String(c.id), label: c.name }))}
              {...form.getInputProps('defaultCategoryId')}
            />
          </SimpleGrid>
          <PaymentTermsField
            label="Payment terms"
            value={values.paymentTerms}
            onChange={(t) => form.setFieldValue('paymentTerms', t)}
            error={form.errors.paymentTerms as string | undefined}
          />
          <Group gap="xs" align="flex-start">
            <DecimalInput
              label="Early-payment discount %"
              scale={2}
              min={0}
              max={50}
              unit="%"
              w={200}
              {...form.getInputProps('discountPercent')}
            />
            <NumberInput
              label="if paid within (days)"
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
              description="Where bills are paid to; bank matching and payment files use it"
              {...form.getInputProps('iban')}
            />
            <TextInput label="BIC" {...form.getInputProps('bic')} />
          </Group>
          <Textarea
            label="Bank details"
            description="For your reference when you pay: account holder, IBAN or account number, bank."
            autosize
            minRows={2}
            {...form.getInputProps('bankDetails')}
          />
          {bankChanged && (
            <Alert color="orange" variant="light">
              Changed bank details are a common fraud. Confirm them with the vendor on a phone number you
              already know. Bills entered after this change are flagged for a check.
            </Alert>
          )}
          <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />
        </Stack>
      </Card>
    </RecordForm>
  );
}

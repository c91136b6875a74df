import { useTranslation } from 'react-i18next';
import { Loaded } from '../../components/PageState';
import { localToday } from '../../../../shared/domain/dates';
import {
  Alert,
  Box,
  Anchor,
  Button,
  Card,
  FileInput,
  Grid,
  Group,
  Input,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Bill, BillWarning, BillAttachment } from '../../../../shared/api/payables';
import { ATTACHMENT_MAX_BYTES } from '../../../../shared/domain/attachments';
import { billTotals, quantityToMilli } from '../../../../shared/domain/bill-amounts';
import { earlyPaymentOffer } from '../../../../shared/domain/early-payment';
import { percentToBp } from '../../../../shared/domain/bill-amounts';
import { dueDateFor, describeTerms } from '../../../../shared/domain/terms';
import { toBase } from '../../../../shared/domain/fx';
import { ApiError, call } from '../../api/client';
import { notifyError, useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { CurrencySelect } from '../../components/CurrencySelect';
import { formatBytes } from '../../lib/format';
import { readFileBase64, showApiError, useEditVersion } from '../../lib/forms';
import { useQueryClient } from '@tanstack/react-query';
import { AttachmentViewer } from './parts/AttachmentViewer';
import { AttachmentList } from './parts/AttachmentList';
import { RecordForm } from './parts/RecordForm';
import { TotalsBlock } from './parts/TotalsBlock';
import { VendorSelect } from './parts/VendorSelect';
import { useChosenVendor, useSaveAndGo } from './parts/useRecordForm';
import { DateField } from './parts/DateField';
import { useSuggestedRate } from './parts/useSuggestedRate';
import { ExchangeRateField } from './parts/ExchangeRateField';
import { LinesEditor, newLine, toLineInput, type LineValues } from './parts/LinesEditor';
import { PAYABLES, useFormat } from './parts/format';
import { DecimalInput } from '../../components/DecimalInput';
import { parseRateInput } from '../../../../shared/domain/number-input';
import { useDecimalSeparator } from '../../lib/numbers';

interface BillFormValues {
  vendorId: string | null;
  vendorInvoiceNumber: string;
  billDate: string;
  dueDate: string;
  currency: string;
  /** Base-currency value of 1 unit of the bill's currency; used only when they differ. */
  exchangeRate: string;
  discountPercent: number | string;
  discountDays: number | string;
  purchaseOrderId: string | null;
  lines: LineValues[];
  notes: string;
  attachments: BillAttachment[];
}

function fromBill(b: Bill): BillFormValues {
  return {
    vendorId: String(b.vendor.id),
    vendorInvoiceNumber: b.vendorInvoiceNumber,
    billDate: b.billDate,
    dueDate: b.dueDate,
    currency: b.currency,
    exchangeRate: b.exchangeRate,
    discountPercent: b.earlyPayment?.discountPercent ?? '',
    discountDays: b.earlyPayment?.days ?? '',
    purchaseOrderId: b.purchaseOrder ? String(b.purchaseOrder.id) : null,
    lines: b.lines.map((l) =>
      newLine({
        description: l.description,
        categoryId: l.categoryId ? String(l.categoryId) : null,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        tax: l.tax,
        purchaseOrderLineId: l.purchaseOrderLineId,
      }),
    ),
    notes: b.notes,
    attachments: b.attachments,
  };
}

/** New bill and edit bill. */
export function BillFormPage() {
  const { id } = useParams();
  const billId = id ? Number(id) : null;
  const existing = useApi('bills.get', { id: billId ?? 0 }, { enabled: billId !== null });
  if (billId === null) return <BillForm key="new" bill={null} />;
  return <Loaded query={existing}>{(bill) => <BillForm key={billId} bill={bill} />}</Loaded>;
}

function BillForm({ bill }: { bill: Bill | null }) {
  const settings = useSettings();
  const sep = useDecimalSeparator();
  const { money, date, locale } = useFormat();
  const { t } = useTranslation();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const initialVendor = bill ? String(bill.vendor.id) : params.get('vendor');
  const form = useForm<BillFormValues>({
    initialValues: bill
      ? fromBill(bill)
      : {
          vendorId: initialVendor,
          vendorInvoiceNumber: '',
          billDate: localToday(),
          dueDate: '',
          currency: settings.preferences.baseCurrency,
          exchangeRate: '',
          discountPercent: '',
          discountDays: '',
          purchaseOrderId: null,
          lines: [newLine()],
          notes: '',
          attachments: [],
        },
  });
  const values = form.getValues();
  const { vendorId, vendor } = useChosenVendor(form, !bill);
  const orders = useApi(
    'purchaseOrders.list',
    { vendorId: vendorId ?? undefined, status: 'open' },
    { enabled: vendorId !== null },
  );
  const poId = values.purchaseOrderId ? Number(values.purchaseOrderId) : null;
  const order = useApi('purchaseOrders.get', { id: poId ?? 0 }, { enabled: poId !== null });
  const [dueTouched, setDueTouched] = useState(bill !== null);
  const [review, setReview] = useState<BillWarning[] | null>(null);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [loadedVersion] = useEditVersion(bill);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [viewing, setViewing] = useState<BillAttachment | null>(null);

  const saved = useSaveAndGo(form.isDirty(), (id) => `/bills/${id}`);

  // A vendor chosen for a new bill brings its currency, terms and early-payment discount.
  const v = vendor.data;
  useEffect(() => {
    if (!v || bill) return;
    form.setFieldValue('discountPercent', v.earlyPayment?.discountPercent ?? '');
    form.setFieldValue('discountDays', v.earlyPayment?.days ?? '');
    const firstLine = form.getValues().lines[0];
    if (v.defaultCategoryId && firstLine && !firstLine.categoryId)
      form.setFieldValue('lines.0.categoryId', String(v.defaultCategoryId));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the vendor changes
  }, [v?.id]);

  // A bill in another currency asks for its rate, prefilled with the vendor's last one.
  const base = settings.preferences.baseCurrency;
  const foreign = values.currency !== base;
  const suggestedRate = useSuggestedRate(form, {
    vendorId,
    currency: values.currency,
    foreign,
    savedCurrency: bill?.currency,
  });

  const suggestedDue = v && values.billDate ? dueDateFor(values.billDate, v.paymentTerms) : '';
  useEffect(() => {
    if (!dueTouched && suggestedDue) form.setFieldValue('dueDate', suggestedDue);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follows the terms until the user edits it
  }, [suggestedDue, dueTouched]);

  const totals = billTotals(
    values.lines.map((l) => ({
      quantityMilli: quantityToMilli(Number(l.quantity)) ?? 0,
      unitPrice: l.unitPrice ?? 0,
      tax: l.tax ?? 0,
    })),
  );
  const discountBp = values.discountPercent === '' ? null : percentToBp(Number(values.discountPercent));
  const early =
    discountBp && values.discountDays !== '' ? { discountBp, days: Number(values.discountDays) } : null;
  const offer =
    early && values.billDate
      ? earlyPaymentOffer(
          {
            billDate: values.billDate,
            total: totals.total,
            balance: totals.total,
            discountTaken: 0,
            earlyPayment: early,
          },
          values.billDate,
        )
      : null;
  const rate = parseRateInput(values.exchangeRate, sep);
  const poLineLabels = useMemo(
    () => new Map((order.data?.lines ?? []).map((l) => [l.id, `${l.description} × ${l.quantity}`])),
    [order.data],
  );

  const copyOrderLines = () => {
    if (!order.data) return;
    form.setFieldValue(
      'lines',
      order.data.lines.map((l) =>
        newLine({
          description: l.description,
          categoryId: l.categoryId ? String(l.categoryId) : null,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          purchaseOrderLineId: l.id,
        }),
      ),
    );
  };
  // Choosing an order for a bill with no lines yet copies the order's lines.
  useEffect(() => {
    const lines = form.getValues().lines;
    if (order.data && lines.length === 1 && !lines[0]!.description && lines[0]!.unitPrice === null)
      copyOrderLines();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when the chosen order loads
  }, [order.data?.id]);

  const input = (status: 'draft' | 'awaiting_payment') => ({
    vendorId: vendorId ?? 0,
    vendorInvoiceNumber: values.vendorInvoiceNumber,
    billDate: values.billDate,
    dueDate: values.dueDate || null,
    currency: values.currency,
    ...(foreign
      ? { exchangeRate: parseRateInput(values.exchangeRate, sep) ?? values.exchangeRate.trim() }
      : {}),
    earlyPayment:
      values.discountPercent === '' || values.discountPercent === 0
        ? null
        : { discountPercent: Number(values.discountPercent), days: Number(values.discountDays || 0) },
    purchaseOrderId: poId,
    lines: values.lines.map(toLineInput),
    notes: values.notes,
    attachments: values.attachments.map((a) => ({ sha256: a.sha256, fileName: a.fileName })),
    status,
  });

  const [pendingStatus, setPendingStatus] = useState<'draft' | 'awaiting_payment'>('awaiting_payment');

  const save = async (
    status: 'draft' | 'awaiting_payment',
    acknowledge?: { keys: string[]; reason: string },
  ) => {
    setSaving(true);
    try {
      const body = { ...input(status), ...(acknowledge ? { acknowledge } : {}) };
      const result = bill
        ? await call('bills.update', { ...body, id: bill.id, version: loadedVersion })
        : await call('bills.create', body);
      await Promise.all(PAYABLES.map((d) => client.invalidateQueries({ queryKey: [d] })));
      notifications.show({
        color: result.warnings.length ? 'orange' : 'green',
        message: result.warnings.length
          ? t('bills.form.savedWithWarnings', { count: result.warnings.length })
          : t('bills.form.saved'),
      });
      setReview(null);
      form.resetDirty();
      saved(result.bill.id);
    } catch (e) {
      setReview(null);
      showApiError(form, e);
    } finally {
      setSaving(false);
    }
  };

  /** Checks first: warnings are shown for review before anything is saved. */
  const submit = async (status: 'draft' | 'awaiting_payment') => {
    form.clearErrors();
    if (!vendorId) {
      form.setFieldError('vendorId', t('bills.form.chooseVendor'));
      return;
    }
    if (foreign && parseRateInput(values.exchangeRate, sep) === null) {
      form.setFieldError('exchangeRate', t('payables.rate.enter', { currency: values.currency, base }));
      return;
    }
    setPendingStatus(status);
    try {
      const check = await call('bills.check', { ...input(status), id: bill?.id ?? null });
      const open = check.warnings.filter((w) => w.dismissed === null);
      if (open.length > 0) {
        setReason('');
        setReview(open);
        return;
      }
    } catch (e) {
      showApiError(form, e);
      return;
    }
    await save(status);
  };

  const attach = async (file: File | null) => {
    setUploadError(null);
    if (!file) return;
    if (file.size > ATTACHMENT_MAX_BYTES) {
      setUploadError(
        t('bills.form.fileTooLarge', {
          name: file.name,
          size: formatBytes(file.size),
          limit: formatBytes(ATTACHMENT_MAX_BYTES),
        }),
      );
      return;
    }
    setUploading(true);
    try {
      const stored = await call('bills.uploadAttachment', {
        fileName: file.name,
        dataBase64: await readFileBase64(file),
      });
      if (!form.getValues().attachments.some((a) => a.sha256 === stored.sha256))
        form.insertListItem('attachments', stored);
    } catch (e) {
      if (e instanceof ApiError && e.fields.dataBase64) setUploadError(e.fields.dataBase64);
      else notifyError(e);
    } finally {
      setUploading(false);
    }
  };

  return (
    <RecordForm
      title={
        bill
          ? t('bills.form.editTitle', { number: bill.vendorInvoiceNumber || `#${bill.id}` })
          : t('bills.form.newTitle')
      }
      cancelTo={bill ? `/bills/${bill.id}` : '/bills'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit('awaiting_payment');
      }}
      footer={
        <>
          {(!bill || bill.status === 'draft') && (
            <Button
              variant="default"
              onClick={() => void submit('draft')}
              loading={saving && pendingStatus === 'draft'}
            >
              {t('bills.form.saveDraft')}
            </Button>
          )}
          <Button type="submit" loading={saving && pendingStatus === 'awaiting_payment'}>
            {bill && bill.status !== 'draft' ? t('payables.form.saveChanges') : t('bills.form.save')}
          </Button>
        </>
      }
      after={
        <>
          <ReviewModal
            review={review}
            reason={reason}
            setReason={setReason}
            saving={saving}
            onBack={() => setReview(null)}
            onSaveLater={() => void save(pendingStatus)}
            onSaveAnyway={() =>
              void save(pendingStatus, { keys: review!.map((w) => w.key), reason: reason.trim() })
            }
          />
          {viewing && <AttachmentViewer attachment={viewing} onClose={() => setViewing(null)} />}
        </>
      }
    >
      <Card withBorder padding="lg">
        <Grid gap="sm">
          <Grid.Col span={6}>
            <VendorSelect
              label={t('common.vendor')}
              keep={
                bill
                  ? {
                      value: String(bill.vendor.id),
                      label: t('payables.form.archivedVendor', { name: bill.vendor.name }),
                    }
                  : undefined
              }
              nothingFoundMessage={t('payables.form.noVendorFound')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              {...form.getInputProps('vendorId')}
              onChange={(value) => {
                form.setFieldValue('vendorId', value);
                form.setFieldValue('purchaseOrderId', null);
              }}
              description={
                <>
                  {t('payables.form.notListed')}{' '}
                  <Anchor component={Link} to="/vendors/new" size="xs">
                    {t('payables.form.addVendor')}
                  </Anchor>
                </>
              }
            />
          </Grid.Col>
          <Grid.Col span={3}>
            <TextInput
              label={t('bills.form.vendorInvoiceNumber')}
              {...form.getInputProps('vendorInvoiceNumber')}
            />
          </Grid.Col>
          <Grid.Col span={3}>
            <CurrencySelect
              label={t('common.currency')}
              locale={locale}
              {...form.getInputProps('currency')}
            />
          </Grid.Col>
          <Grid.Col span={3}>
            <DateField
              label={t('bills.table.billDate')}
              withAsterisk
              {...form.getInputProps('billDate')}
              onChange={(d) => {
                // The two dates are checked against each other: a change to either
                // clears the other's message, so none is left standing stale.
                // eslint-disable-next-line i18next/no-literal-string -- a form field path
                form.clearFieldError('dueDate');
                form.setFieldValue('billDate', d);
              }}
            />
          </Grid.Col>
          <Grid.Col span={3}>
            <DateField
              label={t('common.dueDate')}
              withAsterisk
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              {...form.getInputProps('dueDate')}
              onChange={(d) => {
                setDueTouched(true);
                // eslint-disable-next-line i18next/no-literal-string -- a form field path
                form.clearFieldError('billDate');
                form.setFieldValue('dueDate', d);
              }}
              description={
                v && suggestedDue && values.dueDate !== suggestedDue
                  ? t('bills.form.termsWouldBe', {
                      terms: describeTerms(v.paymentTerms),
                      date: date(suggestedDue),
                    })
                  : v
                    ? t('bills.form.termsFromBillDate', { terms: describeTerms(v.paymentTerms) })
                    : undefined
              }
            />
          </Grid.Col>
          <Grid.Col span={3}>
            <Input.Wrapper
              label={t('payables.form.earlyPayment')}
              error={form.errors['earlyPayment.discountPercent'] ?? form.errors['earlyPayment.days']}
            >
              <Group gap="xs" wrap="nowrap">
                <DecimalInput
                  aria-label={t('payables.form.discountPercent')}
                  scale={2}
                  min={0}
                  max={50}
                  unit="%"
                  rightSection={
                    <Text size="xs" c="dimmed">
                      %
                    </Text>
                  }
                  {...form.getInputProps('discountPercent')}
                />
                <NumberInput
                  aria-label={t('payables.form.discountDays')}
                  min={0}
                  max={365}
                  allowDecimal={false}
                  hideControls
                  rightSection={
                    <Text size="xs" c="dimmed">
                      {t('payables.form.days')}
                    </Text>
                  }
                  rightSectionWidth={44}
                  {...form.getInputProps('discountDays')}
                />
              </Group>
            </Input.Wrapper>
          </Grid.Col>
          <Grid.Col span={3}>
            <Select
              label={t('bills.form.purchaseOrder')}
              placeholder={vendorId ? t('common.none') : t('bills.form.chooseVendorFirst')}
              clearable
              disabled={!vendorId}
              data={(orders.data ?? []).map((o) => ({
                value: String(o.id),
                label: `${o.number} · ${money(o.total, o.currency)}`,
              }))}
              {...form.getInputProps('purchaseOrderId')}
            />
          </Grid.Col>
          {foreign && (
            <Grid.Col span={3}>
              <ExchangeRateField
                currency={values.currency}
                description={suggestedRate ? t('bills.form.rateSuggested') : t('payables.rate.title')}
                {...form.getInputProps('exchangeRate')}
              />
            </Grid.Col>
          )}
        </Grid>
        {offer && (
          <Text size="sm" c="teal.7" mt="xs">
            {t('bills.form.offer', { date: date(offer.payBy), amount: money(offer.save, values.currency) })}
          </Text>
        )}
      </Card>

      <Card withBorder padding="lg">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            {t('bills.lines.label')}
          </Title>
          {order.data && (
            <Button variant="light" size="compact-sm" onClick={copyOrderLines}>
              {t('bills.form.copyLines', { number: order.data.number })}
            </Button>
          )}
        </Group>
        <LinesEditor form={form} currency={values.currency} poLineLabels={poId ? poLineLabels : undefined} />
        <TotalsBlock
          label={t('bills.form.totals')}
          rows={[
            { label: t('payables.totals.subtotal'), value: money(totals.subtotal, values.currency) },
            { label: t('payables.totals.reclaimableTax'), value: money(totals.tax, values.currency) },
            { label: t('common.total'), value: money(totals.total, values.currency), strong: true },
            ...(foreign && rate !== null
              ? [
                  {
                    label: t('payables.totals.totalIn', { currency: base }),
                    value: money(toBase(totals.total, values.currency, rate, base), base),
                    dimmed: true,
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card withBorder padding="lg">
        <Grid gap="md">
          <Grid.Col span={6}>
            <FileInput
              label={t('bills.form.scan')}
              description={t('bills.form.scanHint', { limit: formatBytes(ATTACHMENT_MAX_BYTES) })}
              placeholder={uploading ? t('bills.form.uploading') : t('bills.form.attach')}
              accept="application/pdf,image/png,image/jpeg"
              value={null}
              onChange={(f) => void attach(f)}
              error={uploadError ?? (form.errors['attachments.0.sha256'] as string | undefined)}
              disabled={uploading}
            />
            <Box mt="xs">
              <AttachmentList
                attachments={values.attachments}
                onOpen={setViewing}
                onRemove={(i) => form.removeListItem('attachments', i)}
                removeLabel={(name) => t('bills.form.removeFile', { name })}
              />
            </Box>
          </Grid.Col>
          <Grid.Col span={6}>
            <Textarea label={t('common.notes')} autosize minRows={3} {...form.getInputProps('notes')} />
          </Grid.Col>
        </Grid>
      </Card>
    </RecordForm>
  );
}

/** The warnings found before saving, to save with a reason, save for later review, or go back. */
function ReviewModal({
  review,
  reason,
  setReason,
  saving,
  onBack,
  onSaveLater,
  onSaveAnyway,
}: {
  review: BillWarning[] | null;
  reason: string;
  setReason: (r: string) => void;
  saving: boolean;
  onBack: () => void;
  onSaveLater: () => void;
  onSaveAnyway: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={review !== null} onClose={onBack} title={t('bills.review.title')} size="lg">
      <Stack gap="sm">
        <Text size="sm">{t('bills.review.intro', { count: review?.length ?? 0 })}</Text>
        {review?.map((w) => (
          <Alert key={w.key} color={w.group === 'fraud' ? 'red' : 'orange'} title={w.title} variant="light">
            {w.message}
          </Alert>
        ))}
        <Textarea
          label={t('payables.reason')}
          description={t('bills.review.reasonHint')}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group justify="space-between">
          <Button variant="subtle" onClick={onBack}>
            {t('bills.review.back')}
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={onSaveLater} loading={saving}>
              {t('bills.review.later')}
            </Button>
            <Button disabled={reason.trim() === ''} loading={saving} onClick={onSaveAnyway}>
              {t('bills.review.anyway')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

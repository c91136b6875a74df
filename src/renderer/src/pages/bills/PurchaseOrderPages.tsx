import { useTranslation } from 'react-i18next';
import { Loaded } from '../../components/PageState';
import { localToday } from '../../../../shared/domain/dates';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconClipboardList } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import type { PurchaseOrder } from '../../../../shared/api/payables';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { CurrencySelect } from '../../components/CurrencySelect';
import { showApiError, useEditVersion } from '../../lib/forms';
import { DateField } from './parts/DateField';
import { LinesEditor, lineTotal, newLine, type LineValues } from './parts/LinesEditor';
import { StatusBadge } from './parts/StatusBadge';
import { DetailHeader } from './parts/DetailHeader';
import { MatchTable } from './parts/MatchTable';
import { PageLoader } from './parts/PageLoader';
import { RecordForm, SaveButton } from './parts/RecordForm';
import { TotalsBlock } from './parts/TotalsBlock';
import { VendorSelect } from './parts/VendorSelect';
import { useChosenVendor, useSaveAndGo } from './parts/useRecordForm';
import { PAYABLES, useFormat } from './parts/format';
import { RecordList } from './parts/RecordList';
import { DecimalInput } from '../../components/DecimalInput';

function OrderStatus({ status, over }: { status: 'open' | 'closed'; over: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge variant="light" color={status === 'open' ? 'blue' : 'gray'} style={{ textTransform: 'none' }}>
        {status === 'open' ? t('purchaseOrders.status.open') : t('purchaseOrders.status.closed')}
      </Badge>
      {over && (
        <Badge variant="light" color="red" style={{ textTransform: 'none' }}>
          {t('purchaseOrders.status.over')}
        </Badge>
      )}
    </Group>
  );
}

export function PurchaseOrdersPage() {
  const { money, date } = useFormat();
  const { t } = useTranslation();
  const list = useApi('purchaseOrders.list', {});
  return (
    <RecordList
      rows={list.data}
      label={t('purchaseOrders.list.label')}
      loadingLabel={t('purchaseOrders.list.loading')}
      empty={{
        icon: IconClipboardList,
        title: t('purchaseOrders.list.emptyTitle'),
        description: t('purchaseOrders.list.emptyText'),
      }}
      newTo="/bills/orders/new"
      newLabel={t('purchaseOrders.new')}
      columns={[
        { header: t('common.number') },
        { header: t('common.vendor') },
        { header: t('purchaseOrders.list.orderedOn') },
        { header: t('common.status') },
        { header: t('purchaseOrders.list.bills'), numeric: true },
        { header: t('purchaseOrders.list.orderTotal'), numeric: true },
        { header: t('purchaseOrders.match.billed'), numeric: true },
      ]}
      row={(p) => (
        <>
          <Table.Td>
            <Anchor component={Link} to={`/bills/orders/${p.id}`} size="sm">
              {p.number}
            </Anchor>
          </Table.Td>
          <Table.Td>{p.vendorName}</Table.Td>
          <Table.Td>{date(p.orderDate)}</Table.Td>
          <Table.Td>
            <OrderStatus status={p.status} over={p.over} />
          </Table.Td>
          <Table.Td className="num">{p.bills}</Table.Td>
          <Table.Td className="num">{money(p.total, p.currency)}</Table.Td>
          <Table.Td className="num" c={p.over ? 'red' : undefined}>
            {money(p.billed, p.currency)}
          </Table.Td>
        </>
      )}
    />
  );
}

export function PurchaseOrderPage() {
  const id = Number(useParams().id);
  const { t } = useTranslation();
  const { money, date } = useFormat();
  const po = useApi('purchaseOrders.get', { id });
  const setStatus = useApiMutation('purchaseOrders.setStatus', { invalidates: PAYABLES });
  if (po.error) return <Alert color="red">{po.error.message}</Alert>;
  if (!po.data) return <PageLoader label={t('purchaseOrders.detail.loading')} />;
  const p = po.data;
  const m = p.match;
  return (
    <Stack gap="md" maw={1100}>
      <DetailHeader
        section
        title={p.number}
        badge={<OrderStatus status={p.status} over={p.over} />}
        actions={
          <>
            <Button
              variant="default"
              onClick={() =>
                setStatus.mutate(
                  { id, status: p.status === 'open' ? 'closed' : 'open' },
                  { onError: notifyError },
                )
              }
            >
              {p.status === 'open' ? t('purchaseOrders.detail.close') : t('purchaseOrders.detail.reopen')}
            </Button>
            <Button variant="default" component={Link} to={`/bills/orders/${id}/edit`}>
              {t('common.edit')}
            </Button>
            <Button component={Link} to={`/bills/new?vendor=${p.vendorId}`}>
              {t('bills.newBill')}
            </Button>
          </>
        }
      />
      <Text size="sm" c="dimmed">
        {t('purchaseOrders.detail.summary', {
          vendor: p.vendorName,
          date: date(p.orderDate),
          percent: p.tolerancePercent,
        })}
      </Text>
      <Card withBorder padding="lg">
        <Title order={3} size="h5" mb="xs">
          {t('purchaseOrders.detail.matchTitle')}
        </Title>
        <MatchTable
          match={m}
          currency={p.currency}
          label={t('purchaseOrders.detail.matchTitle')}
          withAmounts
        />
      </Card>
      <Card withBorder padding="lg">
        <Title order={3} size="h5" mb="xs">
          {t('purchaseOrders.detail.bills')}
        </Title>
        {p.billList.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('purchaseOrders.detail.noBills')}
          </Text>
        ) : (
          <Table aria-label={t('purchaseOrders.detail.bills')}>
            <Table.Tbody>
              {p.billList.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/bills/${b.id}`} size="sm">
                      {b.vendorInvoiceNumber || t('bills.billNumber', { id: b.id })}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{date(b.billDate)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={b.displayStatus} />
                  </Table.Td>
                  <Table.Td className="num">{money(b.subtotal, p.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {p.notes && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {p.notes}
        </Text>
      )}
    </Stack>
  );
}

interface OrderValues {
  vendorId: string | null;
  number: string;
  orderDate: string;
  currency: string;
  tolerancePercent: number | string;
  notes: string;
  lines: LineValues[];
}

export function PurchaseOrderFormPage() {
  const { id } = useParams();
  const poId = id ? Number(id) : null;
  const existing = useApi('purchaseOrders.get', { id: poId ?? 0 }, { enabled: poId !== null });
  if (poId === null) return <OrderForm key="new" order={null} />;
  return <Loaded query={existing}>{(order) => <OrderForm key={poId} order={order} />}</Loaded>;
}

function OrderForm({ order }: { order: PurchaseOrder | null }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const { money, locale } = useFormat();
  const form = useForm<OrderValues>({
    initialValues: order
      ? {
          vendorId: String(order.vendorId),
          number: order.number,
          orderDate: order.orderDate,
          currency: order.currency,
          tolerancePercent: order.tolerancePercent,
          notes: order.notes,
          lines: order.lines.map((l) =>
            newLine({
              description: l.description,
              categoryId: l.categoryId ? String(l.categoryId) : null,
              quantity: l.quantity,
              unitPrice: l.unitPrice,
            }),
          ),
        }
      : {
          vendorId: null,
          number: '',
          orderDate: localToday(),
          currency: settings.preferences.baseCurrency,
          tolerancePercent: 5,
          notes: '',
          lines: [newLine()],
        },
  });
  const saved = useSaveAndGo(form.isDirty(), (id) => `/bills/orders/${id}`);
  const values = form.getValues();
  const { vendorId } = useChosenVendor(form, !order);
  const create = useApiMutation('purchaseOrders.create', { invalidates: PAYABLES });
  const update = useApiMutation('purchaseOrders.update', { invalidates: PAYABLES });
  const [loadedVersion] = useEditVersion(order);
  const total = values.lines.reduce((s, l) => s + lineTotal(l), 0);

  const submit = (v: OrderValues) => {
    const input = {
      vendorId: vendorId ?? 0,
      number: v.number,
      orderDate: v.orderDate,
      currency: v.currency,
      tolerancePercent: Number(v.tolerancePercent),
      notes: v.notes,
      lines: v.lines.map((l) => ({
        description: l.description,
        categoryId: l.categoryId ? Number(l.categoryId) : null,
        quantity: Number(l.quantity),
        unitPrice: l.unitPrice ?? 0,
      })),
    };
    const handlers = {
      onSuccess: (p: PurchaseOrder) => {
        form.resetDirty();
        saved(p.id);
      },
      onError: (e: unknown) => showApiError(form, e),
    };
    if (order) update.mutate({ ...input, id: order.id, version: loadedVersion }, handlers);
    else create.mutate(input, handlers);
  };

  return (
    <RecordForm
      section
      title={order ? t('payables.form.editTitle', { name: order.number }) : t('purchaseOrders.new')}
      cancelTo={order ? `/bills/orders/${order.id}` : '/bills/orders'}
      onSubmit={form.onSubmit(submit)}
      footer={
        <SaveButton
          editing={order !== null}
          label={t('purchaseOrders.form.save')}
          loading={create.isPending || update.isPending}
        />
      }
    >
      <Card withBorder padding="lg">
        <Grid gap="sm">
          <Grid.Col span={5}>
            <VendorSelect {...form.getInputProps('vendorId')} />
          </Grid.Col>
          <Grid.Col span={3}>
            <TextInput
              label={t('purchaseOrders.form.number')}
              placeholder={t('purchaseOrders.form.nextNumber')}
              {...form.getInputProps('number')}
            />
          </Grid.Col>
          <Grid.Col span={4}>
            <DateField label={t('purchaseOrders.form.date')} {...form.getInputProps('orderDate')} />
          </Grid.Col>
          <Grid.Col span={4}>
            <CurrencySelect
              label={t('common.currency')}
              locale={locale}
              {...form.getInputProps('currency')}
            />
          </Grid.Col>
          <Grid.Col span={4}>
            <DecimalInput
              label={t('purchaseOrders.form.tolerance')}
              description={t('purchaseOrders.form.toleranceHint')}
              scale={2}
              min={0}
              max={100}
              unit="%"
              {...form.getInputProps('tolerancePercent')}
            />
          </Grid.Col>
        </Grid>
      </Card>
      <Card withBorder padding="lg">
        <LinesEditor form={form} currency={values.currency} withTax={false} />
        <TotalsBlock
          rows={[
            { label: t('purchaseOrders.form.total'), value: money(total, values.currency), strong: true },
          ]}
        />
        <Textarea label={t('common.notes')} mt="sm" autosize minRows={2} {...form.getInputProps('notes')} />
      </Card>
    </RecordForm>
  );
}

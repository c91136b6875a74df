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
import { showApiError } from '../../lib/forms';
import { DateField } from './parts/DateField';
import { LinesEditor, lineTotal, newLine, type LineValues } from './parts/LinesEditor';
import { StatusBadge } from './parts/StatusBadge';
import { DetailHeader } from './parts/DetailHeader';
import { MatchTable } from './parts/MatchTable';
import { PageLoader } from './parts/PageLoader';
import { RecordForm } from './parts/RecordForm';
import { TotalsBlock } from './parts/TotalsBlock';
import { VendorSelect } from './parts/VendorSelect';
import { useChosenVendor, useSaveAndGo } from './parts/useRecordForm';
import { PAYABLES, useFormat } from './parts/format';
import { RecordList } from './parts/RecordList';
import { DecimalInput } from '../../components/DecimalInput';

function OrderStatus({ status, over }: { status: 'open' | 'closed'; over: boolean }) {
  return (
    <Group gap={4}>
      <Badge variant="light" color={status === 'open' ? 'blue' : 'gray'} style={{ textTransform: 'none' }}>
        {status === 'open' ? 'Open' : 'Closed'}
      </Badge>
      {over && (
        <Badge variant="light" color="red" style={{ textTransform: 'none' }}>
          Over the order
        </Badge>
      )}
    </Group>
  );
}

export function PurchaseOrdersPage() {
  const { money, date } = useFormat();
  const list = useApi('purchaseOrders.list', {});
  return (
    <RecordList
      rows={list.data}
      what="purchase orders"
      empty={{
        icon: IconClipboardList,
        title: 'No purchase orders',
        description:
          'Record what you ordered and at what price; bills against the order are checked against it.',
      }}
      newTo="/bills/orders/new"
      newLabel="New purchase order"
      columns={[
        { header: 'Number' },
        { header: 'Vendor' },
        { header: 'Ordered on' },
        { header: 'Status' },
        { header: 'Bills', numeric: true },
        { header: 'Order total', numeric: true },
        { header: 'Billed', numeric: true },
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
  const { money, date } = useFormat();
  const po = useApi('purchaseOrders.get', { id });
  const setStatus = useApiMutation('purchaseOrders.setStatus', { invalidates: PAYABLES });
  if (po.error) return <Alert color="red">{po.error.message}</Alert>;
  if (!po.data) return <PageLoader label="Loading the purchase order" />;
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
              {p.status === 'open' ? 'Close order' : 'Reopen order'}
            </Button>
            <Button variant="default" component={Link} to={`/bills/orders/${id}/edit`}>
              Edit
            </Button>
            <Button component={Link} to={`/bills/new?vendor=${p.vendorId}`}>
              New bill
            </Button>
          </>
        }
      />
      <Text size="sm" c="dimmed">
        {p.vendorName} · ordered {date(p.orderDate)} · tolerance {p.tolerancePercent}% · amounts before tax
      </Text>
      <Card withBorder padding="lg">
        <Title order={3} size="h5" mb="xs">
          Ordered and billed
        </Title>
        <MatchTable match={m} currency={p.currency} label="Ordered and billed" withAmounts />
      </Card>
      <Card withBorder padding="lg">
        <Title order={3} size="h5" mb="xs">
          Bills against this order
        </Title>
        {p.billList.length === 0 ? (
          <Text size="sm" c="dimmed">
            None yet.
          </Text>
        ) : (
          <Table aria-label="Bills against this order">
            <Table.Tbody>
              {p.billList.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/bills/${b.id}`} size="sm">
                      {b.vendorInvoiceNumber || `Bill #${b.id}`}
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
    if (order) update.mutate({ ...input, id: order.id }, handlers);
    else create.mutate(input, handlers);
  };

  return (
    <RecordForm
      section
      title={order ? `Edit ${order.number}` : 'New purchase order'}
      cancelTo={order ? `/bills/orders/${order.id}` : '/bills/orders'}
      cancelLabel="Cancel"
      onSubmit={form.onSubmit(submit)}
      footer={
        <Button type="submit" loading={create.isPending || update.isPending}>
          {order ? 'Save changes' : 'Save purchase order'}
        </Button>
      }
    >
      <Card withBorder padding="lg">
        <Grid gap="sm">
          <Grid.Col span={5}>
            <VendorSelect label="Vendor" {...form.getInputProps('vendorId')} />
          </Grid.Col>
          <Grid.Col span={3}>
            <TextInput label="PO number" placeholder="Next number" {...form.getInputProps('number')} />
          </Grid.Col>
          <Grid.Col span={4}>
            <DateField label="Order date" {...form.getInputProps('orderDate')} />
          </Grid.Col>
          <Grid.Col span={4}>
            <CurrencySelect label="Currency" locale={locale} {...form.getInputProps('currency')} />
          </Grid.Col>
          <Grid.Col span={4}>
            <DecimalInput
              label="Tolerance %"
              description="Bills above the order by more than this get a warning"
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
          rows={[{ label: 'Order total (before tax)', value: money(total, values.currency), strong: true }]}
        />
        <Textarea label="Notes" mt="sm" autosize minRows={2} {...form.getInputProps('notes')} />
      </Card>
    </RecordForm>
  );
}

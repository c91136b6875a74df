import { localToday } from '../../../../shared/domain/dates';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Checkbox,
  Grid,
  Group,
  Loader,
  Menu,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconChevronDown, IconFileText } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Bill, BillWarning } from '../../../../shared/api/payables';
import { PAYMENT_METHODS, PAYMENT_METHOD_LABELS, isOpen } from '../../../../shared/domain/bill-status';
import { ApiError } from '../../api/client';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { formatBytes } from '../../lib/format';
import { useSettings } from '../../app/useSettings';
import { AttachmentViewer } from './parts/AttachmentViewer';
import { EInvoiceReadable } from '../einvoice-in/EInvoiceView';
import { BillCredits, BillDeductions } from './BillCredits';
import { DateField } from './parts/DateField';
import { ExchangeRateField } from './parts/ExchangeRateField';
import { MoneyInput } from '../../components/MoneyInput';
import { StatusBadge } from './parts/StatusBadge';
import { SepaDownload } from './parts/SepaDownload';
import { PAYABLES, useFormat } from './parts/format';
import { parseRateInput } from '../../../../shared/domain/number-input';
import { useDecimalSeparator } from '../../lib/numbers';

export function BillDetailPage() {
  const id = Number(useParams().id);
  const bill = useApi('bills.get', { id });
  if (bill.error) {
    return (
      <Alert color="red" title="Bill not found" maw={600}>
        {bill.error.message}{' '}
        <Anchor component={Link} to="/bills">
          Back to bills
        </Anchor>
      </Alert>
    );
  }
  if (!bill.data) {
    return (
      <Center h={200}>
        <Loader aria-label="Loading the bill" />
      </Center>
    );
  }
  return <BillDetail bill={bill.data} />;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function BillDetail({ bill }: { bill: Bill }) {
  const { money, date, baseCurrency, quantity, dateTime } = useFormat();
  const navigate = useNavigate();
  const [paying, setPaying] = useState(false);
  const [dismissing, setDismissing] = useState<BillWarning | null>(null);
  const [voiding, setVoiding] = useState(false);
  const [viewing, setViewing] = useState<{ sha256: string; fileName: string } | null>(null);
  const approve = useApiMutation('bills.approve', {
    invalidates: PAYABLES,
    success: 'Bill approved: it is now awaiting payment.',
  });
  const remove = useApiMutation('bills.delete', { invalidates: PAYABLES, success: 'Draft deleted.' });
  const undo = useApiMutation('billPayments.delete', { invalidates: PAYABLES, success: 'Payment undone.' });
  const snooze = useApiMutation('reminders.snooze', { invalidates: PAYABLES, success: 'Reminder snoozed.' });
  const c = bill.currency;
  const open = isOpen(bill.status);
  const openWarnings = bill.warnings.filter((w) => !w.dismissed);
  const einvoice = useApi('einvoices.forBill', { billId: bill.id }).data?.einvoice ?? null;

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {bill.vendorInvoiceNumber ? `Bill ${bill.vendorInvoiceNumber}` : `Bill #${bill.id}`}
            </Title>
            <StatusBadge status={bill.displayStatus} />
          </Group>
          <Text size="sm" c="dimmed">
            from{' '}
            <Anchor component={Link} to={`/vendors/${bill.vendor.id}`} size="sm">
              {bill.vendor.name}
            </Anchor>
            {bill.source === 'recurring' && bill.recurringId && (
              <>
                {' · '}
                <Anchor component={Link} to={`/bills/recurring/${bill.recurringId}`} size="sm">
                  made by a recurring bill
                </Anchor>
              </>
            )}
            {bill.source === 'import' &&
              (einvoice ? ' · imported from an e-invoice' : ' · imported from CSV')}
          </Text>
        </Stack>
        <Group gap="xs">
          {bill.status === 'draft' && (
            <Button
              variant="default"
              onClick={() => approve.mutate({ id: bill.id }, { onError: notifyError })}
              loading={approve.isPending}
            >
              Approve
            </Button>
          )}
          {bill.status !== 'void' && (
            <Button variant="default" component={Link} to={`/bills/${bill.id}/edit`}>
              Edit
            </Button>
          )}
          {open && <Button onClick={() => setPaying(true)}>Record payment</Button>}
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="subtle" rightSection={<IconChevronDown size={14} />} aria-label="More actions">
                More
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {open && (
                <>
                  <Menu.Label>Snooze the reminder</Menu.Label>
                  {[1, 3, 7].map((days) => (
                    <Menu.Item
                      key={days}
                      onClick={() => {
                        const d = new Date();
                        d.setDate(d.getDate() + days);
                        const until = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
                        snooze.mutate({ billId: bill.id, until }, { onError: notifyError });
                      }}
                    >
                      {days === 1 ? 'Until tomorrow' : `For ${days} days`}
                    </Menu.Item>
                  ))}
                  <Menu.Divider />
                </>
              )}
              <Menu.Item component={Link} to={`/bills/new?vendor=${bill.vendor.id}`}>
                New bill from {bill.vendor.name}
              </Menu.Item>
              {bill.status !== 'void' && bill.paid + bill.discountTaken === 0 && bill.status !== 'draft' && (
                <Menu.Item color="red" onClick={() => setVoiding(true)}>
                  Void bill…
                </Menu.Item>
              )}
              {bill.status === 'draft' && (
                <Menu.Item
                  color="red"
                  onClick={() =>
                    modals.openConfirmModal({
                      title: 'Delete this draft?',
                      children: <Text size="sm">The draft is removed. This cannot be undone.</Text>,
                      labels: { confirm: 'Delete draft', cancel: 'Keep it' },
                      confirmProps: { color: 'red' },
                      onConfirm: () =>
                        remove.mutate(
                          { id: bill.id },
                          { onSuccess: () => void navigate('/bills'), onError: notifyError },
                        ),
                    })
                  }
                >
                  Delete draft…
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>

      {bill.status === 'void' && (
        <Alert color="gray" title="This bill is void">
          {bill.voidReason}. It is kept for the record and is not counted anywhere.
        </Alert>
      )}

      {bill.warnings.length > 0 && (
        <Stack gap="xs" aria-label="Warnings">
          {bill.warnings.map((w) =>
            w.dismissed ? (
              <Alert key={w.key} color="gray" variant="outline" title={`${w.title} (dismissed)`}>
                <Text size="sm">{w.message}</Text>
                <Text size="xs" c="dimmed" mt={4}>
                  Dismissed by {w.dismissed.by} on {dateTime(w.dismissed.at)}: “{w.dismissed.reason}”
                </Text>
              </Alert>
            ) : (
              <Alert key={w.key} color={w.group === 'fraud' ? 'red' : 'orange'} title={w.title}>
                <Text size="sm">{w.message}</Text>
                <Group gap="xs" mt="xs">
                  {w.relatedBillId && (
                    <Button
                      component={Link}
                      to={`/bills/${w.relatedBillId}`}
                      size="compact-sm"
                      variant="light"
                      color="gray"
                    >
                      Open bill #{w.relatedBillId}
                    </Button>
                  )}
                  <Button
                    size="compact-sm"
                    variant="light"
                    color={w.group === 'fraud' ? 'red' : 'orange'}
                    onClick={() => setDismissing(w)}
                  >
                    Dismiss…
                  </Button>
                </Group>
              </Alert>
            ),
          )}
          {openWarnings.length > 0 && (
            <Text size="xs" c="dimmed">
              Warnings never block a bill; dismiss each with a reason once you have checked it.
            </Text>
          )}
        </Stack>
      )}

      <Grid gap="md">
        <Grid.Col span={8}>
          <Card withBorder padding="lg">
            <SimpleGrid cols={4} spacing="sm" mb="md">
              <Fact label="Bill date">{date(bill.billDate)}</Fact>
              <Fact label="Due date">
                {date(bill.dueDate)}
                {bill.dueLabel && (
                  <Text size="xs" c={bill.displayStatus === 'overdue' ? 'red' : 'dimmed'}>
                    {bill.dueLabel}
                  </Text>
                )}
              </Fact>
              <Fact label="Early payment">
                {bill.earlyPayment
                  ? `${bill.earlyPayment.discountPercent}% within ${bill.earlyPayment.days} days`
                  : 'None'}
              </Fact>
              <Fact label="Purchase order">
                {bill.purchaseOrder ? (
                  <Anchor component={Link} to={`/bills/orders/${bill.purchaseOrder.id}`} size="sm">
                    {bill.purchaseOrder.number}
                  </Anchor>
                ) : (
                  'None'
                )}
              </Fact>
            </SimpleGrid>
            {bill.offer && (
              <Alert color="teal" variant="light" mb="md" title="Early-payment discount">
                Pay {money(bill.offer.pay, c)} by {date(bill.offer.payBy)} to save {money(bill.offer.save, c)}
                .
              </Alert>
            )}
            <Table aria-label="Bill lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Description</Table.Th>
                  <Table.Th>Category</Table.Th>
                  <Table.Th className="num">Qty</Table.Th>
                  <Table.Th className="num">Price</Table.Th>
                  <Table.Th className="num">Tax</Table.Th>
                  <Table.Th className="num">Amount</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {bill.lines.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>
                      {l.description || (
                        <Text c="dimmed" size="sm">
                          —
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{l.categoryName ?? '—'}</Table.Td>
                    <Table.Td className="num">{quantity(String(l.quantity))}</Table.Td>
                    <Table.Td className="num">{money(l.unitPrice, c)}</Table.Td>
                    <Table.Td className="num">{money(l.tax, c)}</Table.Td>
                    <Table.Td className="num">{money(l.amount, c)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Stack gap={2} align="flex-end" mt="sm" aria-label="Totals">
              {(
                [
                  ['Subtotal', bill.subtotal],
                  ['Reclaimable tax', bill.tax],
                  ['Total', bill.total],
                  ...(bill.paid ? [['Paid', -bill.paid] as const] : []),
                  ...(bill.discountTaken ? [['Discount taken', -bill.discountTaken] as const] : []),
                ] as const
              ).map(([label, amount]) => (
                <Group key={label} gap="xl">
                  <Text size="sm" c="dimmed">
                    {label}
                  </Text>
                  <Text size="sm" className="num" miw={120}>
                    {money(amount, c)}
                  </Text>
                </Group>
              ))}
              <BillDeductions billId={bill.id} currency={c} />
              <Group gap="xl">
                <Text fw={600}>Balance due</Text>
                <Text fw={600} className="num" miw={120} aria-label="Balance due">
                  {money(bill.balance, c)}
                </Text>
              </Group>
              {bill.exchangeRate !== '1' && (
                <Text size="xs" c="dimmed" className="num">
                  At {bill.exchangeRate}: total {money(bill.totalBase, baseCurrency)}, balance{' '}
                  {money(bill.balanceBase, baseCurrency)}
                </Text>
              )}
            </Stack>
          </Card>
          {bill.match && <MatchCard bill={bill} />}
        </Grid.Col>
        <Grid.Col span={4}>
          <Stack gap="md">
            <Card withBorder padding="lg">
              <Title order={2} size="h5" mb="xs">
                Attachments
              </Title>
              {bill.attachments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No scan attached.{' '}
                  <Anchor component={Link} to={`/bills/${bill.id}/edit`} size="sm">
                    Attach one
                  </Anchor>
                </Text>
              ) : (
                <Stack gap={6}>
                  {bill.attachments.map((a) => (
                    <Group key={a.sha256} gap="xs" wrap="nowrap">
                      <IconFileText size={16} aria-hidden />
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        onClick={() => setViewing(a)}
                        aria-label={`Open ${a.fileName}`}
                      >
                        {a.fileName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {formatBytes(a.bytes)}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              )}
            </Card>
            <Card withBorder padding="lg">
              <Title order={2} size="h5" mb="xs">
                Payments
              </Title>
              {bill.payments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No payments yet.
                </Text>
              ) : (
                <Table aria-label="Payments" verticalSpacing={4}>
                  <Table.Tbody>
                    {bill.payments.map((p) => (
                      <Table.Tr key={p.paymentId}>
                        <Table.Td>
                          <Text size="sm">{date(p.paymentDate)}</Text>
                          <Text size="xs" c="dimmed">
                            {PAYMENT_METHOD_LABELS[p.method]}
                            {p.reference ? ` · ${p.reference}` : ''}
                            {p.discount ? ` · discount ${money(p.discount, c)}` : ''}
                          </Text>
                        </Table.Td>
                        <Table.Td className="num">{money(p.amount, c)}</Table.Td>
                        <Table.Td w={p.sepaRunId ? 130 : 60}>
                          {p.sepaRunId && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              aria-label={`SEPA file of the payment run of ${date(p.paymentDate)}`}
                              onClick={() =>
                                modals.open({
                                  title: 'SEPA file of the payment run',
                                  children: <SepaDownload runId={p.sepaRunId!} />,
                                })
                              }
                            >
                              SEPA file
                            </Button>
                          )}
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="gray"
                            aria-label={`Undo payment of ${money(p.amount, c)} on ${date(p.paymentDate)}`}
                            onClick={() => undo.mutate({ id: p.paymentId }, { onError: notifyError })}
                          >
                            Undo
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
            <BillCredits billId={bill.id} currency={c} />
            {bill.notes && (
              <Card withBorder padding="lg">
                <Title order={2} size="h5" mb="xs">
                  Notes
                </Title>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {bill.notes}
                </Text>
              </Card>
            )}
          </Stack>
        </Grid.Col>
      </Grid>

      {einvoice && (
        <EInvoiceReadable
          view={einvoice}
          onOpenFile={() => setViewing({ sha256: einvoice.fileSha256, fileName: einvoice.fileName })}
        />
      )}

      {paying && <PaymentModal bill={bill} onClose={() => setPaying(false)} />}
      <DismissModal bill={bill} warning={dismissing} onClose={() => setDismissing(null)} />
      <VoidModal bill={bill} opened={voiding} onClose={() => setVoiding(false)} />
      {viewing && <AttachmentViewer attachment={viewing} onClose={() => setViewing(null)} />}
    </Stack>
  );
}

function MatchCard({ bill }: { bill: Bill }) {
  const { money, quantity } = useFormat();
  const m = bill.match!;
  const c = bill.currency;
  return (
    <Card withBorder padding="lg" mt="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5">
          Match with {bill.purchaseOrder?.number}
        </Title>
        <Text size="xs" c="dimmed">
          Tolerance {m.tolerancePercent}% · all bills on the order, before tax
        </Text>
      </Group>
      <Table aria-label="Purchase order match">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Line</Table.Th>
            <Table.Th className="num">Ordered</Table.Th>
            <Table.Th className="num">Billed</Table.Th>
            <Table.Th className="num">Order price</Table.Th>
            <Table.Th className="num">Billed price</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.rows.map((r) => (
            <Table.Tr key={r.poLineId}>
              <Table.Td>{r.description}</Table.Td>
              <Table.Td className="num">{quantity(String(r.orderedQuantity))}</Table.Td>
              <Table.Td className="num" c={r.quantityOver ? 'red' : undefined}>
                {quantity(String(r.billedQuantity))}
                {r.quantityOver && ` (+${r.quantityOverPercent}%)`}
              </Table.Td>
              <Table.Td className="num">{money(r.orderedUnitPrice, c)}</Table.Td>
              <Table.Td className="num" c={r.priceOver ? 'red' : undefined}>
                {r.billedUnitPrice === null ? '—' : money(r.billedUnitPrice, c)}
                {r.priceOver && ` (+${r.priceOverPercent}%)`}
              </Table.Td>
            </Table.Tr>
          ))}
          {m.notOnOrder.map((l, i) => (
            <Table.Tr key={`extra-${i}`}>
              <Table.Td>
                {l.description || 'Line'}{' '}
                <Badge size="xs" color="orange" variant="light">
                  Not on the order
                </Badge>
              </Table.Td>
              <Table.Td className="num">—</Table.Td>
              <Table.Td className="num">{money(l.amount, c)}</Table.Td>
              <Table.Td />
              <Table.Td />
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th>Total</Table.Th>
            <Table.Th className="num">{money(m.orderedTotal, c)}</Table.Th>
            <Table.Th className="num" c={m.totalOver ? 'red' : undefined}>
              {money(m.billedTotal, c)}
              {m.totalOver && ` (+${m.totalOverPercent}%)`}
            </Table.Th>
            <Table.Th />
            <Table.Th />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Card>
  );
}

function PaymentModal({ bill, onClose }: { bill: Bill; onClose: () => void }) {
  const { money, date } = useFormat();
  const c = bill.currency;
  const [paymentDate, setPaymentDate] = useState(localToday());
  const [takeDiscount, setTakeDiscount] = useState(bill.offer !== null);
  const [amount, setAmount] = useState<number | null>(bill.offer ? bill.offer.pay : bill.balance);
  const [method, setMethod] = useState<string>('bank_transfer');
  const [reference, setReference] = useState('');
  // Prefilled with the bill's rate: change it to the rate on the payment date.
  const [rate, setRate] = useState(bill.exchangeRate);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { preferences } = useSettings();
  const sep = useDecimalSeparator();
  const foreign = c !== preferences.baseCurrency;
  const create = useApiMutation('billPayments.create', {
    invalidates: PAYABLES,
    success: 'Payment recorded.',
  });
  const discountAvailable = bill.offer && paymentDate <= bill.offer.payBy;

  const submit = () => {
    setErrors({});
    if (foreign && parseRateInput(rate, sep) === null)
      return setErrors({
        exchangeRate: `Enter what 1 ${c} was worth in ${preferences.baseCurrency} on the payment date, like 1.0845`,
      });
    const discount = takeDiscount && discountAvailable ? bill.offer!.save : 0;
    create.mutate(
      {
        paymentDate,
        method: method as (typeof PAYMENT_METHODS)[number],
        reference,
        ...(foreign ? { exchangeRate: parseRateInput(rate, sep) ?? rate.trim() } : {}),
        allocations: [{ billId: bill.id, amount: amount ?? 0, discount }],
      },
      {
        onSuccess: onClose,
        onError: (e) => {
          if (e instanceof ApiError && Object.keys(e.fields).length) {
            const mapped: Record<string, string> = {};
            for (const [k, m] of Object.entries(e.fields)) mapped[k.replace(/^allocations\.0\./, '')] = m;
            setErrors(mapped);
          } else notifyError(e);
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={`Record a payment to ${bill.vendor.name}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            Balance due: <strong className="num">{money(bill.balance, c)}</strong>
          </Text>
          <DateField
            label="Payment date"
            value={paymentDate}
            onChange={setPaymentDate}
            error={errors.paymentDate}
          />
          {bill.offer && (
            <Checkbox
              label={`Take the early-payment discount of ${money(bill.offer.save, c)} (until ${date(bill.offer.payBy)})`}
              checked={takeDiscount && !!discountAvailable}
              disabled={!discountAvailable}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setTakeDiscount(on);
                setAmount(on ? bill.offer!.pay : bill.balance);
              }}
              error={errors.discount}
            />
          )}
          <MoneyInput
            label="Amount paid"
            currency={c}
            value={amount}
            onChange={setAmount}
            error={errors.amount}
            data-autofocus
          />
          <ExchangeRateField
            currency={c}
            description={`On the payment date; the bill was entered at ${bill.exchangeRate}`}
            value={rate}
            onChange={(e) => setRate(e.currentTarget.value)}
            error={errors.exchangeRate}
          />
          <Select
            label="Method"
            data={PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m] }))}
            value={method}
            onChange={(m) => m && setMethod(m)}
            allowDeselect={false}
            error={errors.method}
          />
          <TextInput
            label="Reference"
            placeholder="Bank reference, cheque number…"
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
          />
          {errors.billId && (
            <Text c="red" size="sm">
              {errors.billId}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Save payment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DismissModal({
  bill,
  warning,
  onClose,
}: {
  bill: Bill;
  warning: BillWarning | null;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const dismiss = useApiMutation('bills.dismissWarning', {
    invalidates: PAYABLES,
    success: 'Warning dismissed.',
  });
  return (
    <Modal opened={warning !== null} onClose={onClose} title={`Dismiss: ${warning?.title ?? ''}`}>
      <Stack gap="sm">
        <Text size="sm">{warning?.message}</Text>
        <Textarea
          label="Reason"
          description="Kept in the audit log with your name."
          autosize
          minRows={2}
          value={reason}
          error={error}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={dismiss.isPending}
            onClick={() =>
              dismiss.mutate(
                { billId: bill.id, warningId: warning!.id!, reason },
                {
                  onSuccess: () => {
                    setReason('');
                    onClose();
                  },
                  onError: (e) => setError(e.fields.reason ?? e.message),
                },
              )
            }
          >
            Dismiss warning
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function VoidModal({ bill, opened, onClose }: { bill: Bill; opened: boolean; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const voidBill = useApiMutation('bills.void', { invalidates: PAYABLES, success: 'Bill voided.' });
  return (
    <Modal opened={opened} onClose={onClose} title="Void this bill?">
      <Stack gap="sm">
        <Text size="sm">
          A void bill is kept for the record but is no longer owed, reminded or counted. Say why, for the
          audit log.
        </Text>
        <TextInput
          label="Reason"
          value={reason}
          error={error}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={voidBill.isPending}
            onClick={() =>
              voidBill.mutate(
                { id: bill.id, reason },
                { onSuccess: onClose, onError: (e) => setError(e.fields.reason ?? e.message) },
              )
            }
          >
            Void bill
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

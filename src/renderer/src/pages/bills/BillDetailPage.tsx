import { useTranslation } from 'react-i18next';
import { localToday } from '../../../../shared/domain/dates';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
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
import { IconChevronDown } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Bill, BillWarning } from '../../../../shared/api/payables';
import { PAYMENT_METHODS, isOpen } from '../../../../shared/domain/bill-status';
import { PAYMENT_METHOD } from './parts/labels';
import { ApiError } from '../../api/client';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { AttachmentViewer } from './parts/AttachmentViewer';
import { EInvoiceReadable } from '../einvoice-in/EInvoiceView';
import { BillCredits, BillDeductions } from './BillCredits';
import { DateField } from './parts/DateField';
import { ExchangeRateField } from './parts/ExchangeRateField';
import { MoneyInput } from '../../components/MoneyInput';
import { StatusBadge } from './parts/StatusBadge';
import { AttachmentList } from './parts/AttachmentList';
import { DetailHeader } from './parts/DetailHeader';
import { Fact } from './parts/Fact';
import { MatchTable } from './parts/MatchTable';
import { PageLoader } from './parts/PageLoader';
import { TotalsBlock } from './parts/TotalsBlock';
import { SepaDownload } from './parts/SepaDownload';
import { PAYABLES, useFormat } from './parts/format';
import { parseRateInput } from '../../../../shared/domain/number-input';
import { useDecimalSeparator } from '../../lib/numbers';

export function BillDetailPage() {
  const id = Number(useParams().id);
  const { t } = useTranslation();
  const bill = useApi('bills.get', { id });
  if (bill.error) {
    return (
      <Alert color="red" title={t('bills.detail.notFound')} maw={600}>
        {bill.error.message}{' '}
        <Anchor component={Link} to="/bills">
          {t('bills.detail.backToBills')}
        </Anchor>
      </Alert>
    );
  }
  if (!bill.data) return <PageLoader label={t('bills.detail.loading')} />;
  return <BillDetail bill={bill.data} />;
}

function BillDetail({ bill }: { bill: Bill }) {
  const { money, date, baseCurrency, quantity, dateTime, number } = useFormat();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [paying, setPaying] = useState(false);
  const [dismissing, setDismissing] = useState<BillWarning | null>(null);
  const [voiding, setVoiding] = useState(false);
  const [viewing, setViewing] = useState<{ sha256: string; fileName: string } | null>(null);
  const approve = useApiMutation('bills.approve', {
    invalidates: PAYABLES,
    success: t('bills.detail.approved'),
  });
  const remove = useApiMutation('bills.delete', {
    invalidates: PAYABLES,
    success: t('bills.detail.draftDeleted'),
  });
  const undo = useApiMutation('billPayments.delete', {
    invalidates: PAYABLES,
    success: t('payables.payment.undone'),
  });
  const snooze = useApiMutation('reminders.snooze', {
    invalidates: PAYABLES,
    success: t('bills.detail.snoozed'),
  });
  const c = bill.currency;
  const open = isOpen(bill.status);
  const openWarnings = bill.warnings.filter((w) => !w.dismissed);
  const einvoice = useApi('einvoices.forBill', { billId: bill.id }).data?.einvoice ?? null;

  return (
    <Stack gap="md" maw={1100}>
      <DetailHeader
        title={t('bills.detail.title', { number: bill.vendorInvoiceNumber || `#${bill.id}` })}
        badge={<StatusBadge status={bill.displayStatus} />}
        subtitle={
          <Text size="sm" c="dimmed">
            {t('bills.detail.from')}{' '}
            <Anchor component={Link} to={`/vendors/${bill.vendor.id}`} size="sm">
              {bill.vendor.name}
            </Anchor>
            {bill.source === 'recurring' && bill.recurringId && (
              <>
                {' · '}
                <Anchor component={Link} to={`/bills/recurring/${bill.recurringId}`} size="sm">
                  {t('bills.detail.madeByRecurring')}
                </Anchor>
              </>
            )}
            {bill.source === 'import' &&
              (einvoice ? ` · ${t('bills.detail.fromEInvoice')}` : ` · ${t('bills.detail.fromCsv')}`)}
          </Text>
        }
        actions={
          <>
            {bill.status === 'draft' && (
              <Button
                variant="default"
                onClick={() => approve.mutate({ id: bill.id }, { onError: notifyError })}
                loading={approve.isPending}
              >
                {t('bills.detail.approve')}
              </Button>
            )}
            {bill.status !== 'void' && (
              <Button variant="default" component={Link} to={`/bills/${bill.id}/edit`}>
                {t('common.edit')}
              </Button>
            )}
            {open && <Button onClick={() => setPaying(true)}>{t('payables.payment.record')}</Button>}
            <Menu position="bottom-end">
              <Menu.Target>
                <Button
                  variant="subtle"
                  rightSection={<IconChevronDown size={14} />}
                  aria-label={t('bills.detail.moreActions')}
                >
                  {t('bills.detail.more')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {open && (
                  <>
                    <Menu.Label>{t('bills.detail.snoozeLabel')}</Menu.Label>
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
                        {t('bills.snooze.forDays', { count: days })}
                      </Menu.Item>
                    ))}
                    <Menu.Divider />
                  </>
                )}
                <Menu.Item component={Link} to={`/bills/new?vendor=${bill.vendor.id}`}>
                  {t('bills.detail.newFrom', { name: bill.vendor.name })}
                </Menu.Item>
                {bill.status !== 'void' &&
                  bill.paid + bill.discountTaken === 0 &&
                  bill.status !== 'draft' && (
                    <Menu.Item color="red" onClick={() => setVoiding(true)}>
                      {t('bills.detail.voidMenu')}
                    </Menu.Item>
                  )}
                {bill.status === 'draft' && (
                  <Menu.Item
                    color="red"
                    onClick={() =>
                      modals.openConfirmModal({
                        title: t('bills.detail.deleteTitle'),
                        children: <Text size="sm">{t('bills.detail.deleteText')}</Text>,
                        labels: { confirm: t('bills.detail.deleteConfirm'), cancel: t('bills.detail.keep') },
                        confirmProps: { color: 'red' },
                        onConfirm: () =>
                          remove.mutate(
                            { id: bill.id },
                            { onSuccess: () => void navigate('/bills'), onError: notifyError },
                          ),
                      })
                    }
                  >
                    {t('bills.detail.deleteMenu')}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          </>
        }
      />

      {bill.status === 'void' && (
        <Alert color="gray" title={t('bills.detail.voidTitle')}>
          {t('bills.detail.voidText', { reason: bill.voidReason })}
        </Alert>
      )}

      {bill.warnings.length > 0 && (
        <Stack gap="xs" aria-label={t('bills.detail.warnings')}>
          {bill.warnings.map((w) =>
            w.dismissed ? (
              <Alert
                key={w.key}
                color="gray"
                variant="outline"
                title={t('bills.detail.dismissedTitle', { title: w.title })}
              >
                <Text size="sm">{w.message}</Text>
                <Text size="xs" c="dimmed" mt={4}>
                  {t('bills.detail.dismissedBy', {
                    by: w.dismissed.by,
                    at: dateTime(w.dismissed.at),
                    reason: w.dismissed.reason,
                  })}
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
                      {t('bills.detail.openBill', { id: w.relatedBillId })}
                    </Button>
                  )}
                  <Button
                    size="compact-sm"
                    variant="light"
                    color={w.group === 'fraud' ? 'red' : 'orange'}
                    onClick={() => setDismissing(w)}
                  >
                    {t('bills.detail.dismissMenu')}
                  </Button>
                </Group>
              </Alert>
            ),
          )}
          {openWarnings.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('bills.detail.warningsHint')}
            </Text>
          )}
        </Stack>
      )}

      <Grid gap="md">
        <Grid.Col span={8}>
          <Card withBorder padding="lg">
            <SimpleGrid cols={4} spacing="sm" mb="md">
              <Fact label={t('bills.table.billDate')}>{date(bill.billDate)}</Fact>
              <Fact label={t('common.dueDate')}>
                {date(bill.dueDate)}
                {bill.dueLabel && (
                  <Text size="xs" c={bill.displayStatus === 'overdue' ? 'red' : 'dimmed'}>
                    {bill.dueLabel}
                  </Text>
                )}
              </Fact>
              <Fact label={t('bills.detail.earlyPayment')}>
                {bill.earlyPayment
                  ? t('payables.earlyTerms', {
                      percent: number(bill.earlyPayment.discountPercent),
                      days: bill.earlyPayment.days,
                    })
                  : t('common.none')}
              </Fact>
              <Fact label={t('bills.form.purchaseOrder')}>
                {bill.purchaseOrder ? (
                  <Anchor component={Link} to={`/bills/orders/${bill.purchaseOrder.id}`} size="sm">
                    {bill.purchaseOrder.number}
                  </Anchor>
                ) : (
                  t('common.none')
                )}
              </Fact>
            </SimpleGrid>
            {bill.offer && (
              <Alert color="teal" variant="light" mb="md" title={t('payables.form.earlyPayment')}>
                {t('bills.detail.offer', {
                  pay: money(bill.offer.pay, c),
                  date: date(bill.offer.payBy),
                  save: money(bill.offer.save, c),
                })}
              </Alert>
            )}
            <Table aria-label={t('bills.detail.lines')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('common.description')}</Table.Th>
                  <Table.Th>{t('bills.lines.category')}</Table.Th>
                  <Table.Th className="num">{t('bills.lines.qty')}</Table.Th>
                  <Table.Th className="num">{t('bills.lines.price')}</Table.Th>
                  <Table.Th className="num">{t('common.tax')}</Table.Th>
                  <Table.Th className="num">{t('common.amount')}</Table.Th>
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
            <TotalsBlock
              label={t('bills.detail.totals')}
              rows={[
                { label: t('payables.totals.subtotal'), value: money(bill.subtotal, c) },
                { label: t('payables.totals.reclaimableTax'), value: money(bill.tax, c) },
                { label: t('common.total'), value: money(bill.total, c) },
                ...(bill.paid ? [{ label: t('bills.detail.paid'), value: money(-bill.paid, c) }] : []),
                ...(bill.discountTaken
                  ? [{ label: t('bills.detail.discountTaken'), value: money(-bill.discountTaken, c) }]
                  : []),
              ]}
              after={[
                {
                  label: t('payables.balanceDue'),
                  value: money(bill.balance, c),
                  strong: true,
                  ariaLabel: t('payables.balanceDue'),
                },
              ]}
            >
              <BillDeductions billId={bill.id} currency={c} />
              {bill.exchangeRate !== '1' && (
                <Text size="xs" c="dimmed" className="num">
                  {t('bills.detail.inBase', {
                    rate: bill.exchangeRate,
                    total: money(bill.totalBase, baseCurrency),
                    balance: money(bill.balanceBase, baseCurrency),
                  })}
                </Text>
              )}
            </TotalsBlock>
          </Card>
          {bill.match && <MatchCard bill={bill} />}
        </Grid.Col>
        <Grid.Col span={4}>
          <Stack gap="md">
            <Card withBorder padding="lg">
              <Title order={2} size="h5" mb="xs">
                {t('bills.detail.attachments')}
              </Title>
              {bill.attachments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('bills.detail.noScan')}{' '}
                  <Anchor component={Link} to={`/bills/${bill.id}/edit`} size="sm">
                    {t('bills.detail.attachOne')}
                  </Anchor>
                </Text>
              ) : (
                <AttachmentList
                  attachments={bill.attachments}
                  onOpen={setViewing}
                  openLabel={(name) => t('bills.detail.openFile', { name })}
                  gap={6}
                />
              )}
            </Card>
            <Card withBorder padding="lg">
              <Title order={2} size="h5" mb="xs">
                {t('payables.payments')}
              </Title>
              {bill.payments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('bills.detail.noPayments')}
                </Text>
              ) : (
                <Table aria-label={t('payables.payments')} verticalSpacing={4}>
                  <Table.Tbody>
                    {bill.payments.map((p) => (
                      <Table.Tr key={p.paymentId}>
                        <Table.Td>
                          <Text size="sm">{date(p.paymentDate)}</Text>
                          <Text size="xs" c="dimmed">
                            {t(PAYMENT_METHOD[p.method])}
                            {p.reference ? ` · ${p.reference}` : ''}
                            {p.discount
                              ? ` · ${t('bills.detail.paymentDiscount', { amount: money(p.discount, c) })}`
                              : ''}
                          </Text>
                        </Table.Td>
                        <Table.Td className="num">{money(p.amount, c)}</Table.Td>
                        <Table.Td w={p.sepaRunId ? 130 : 60}>
                          {p.sepaRunId && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              aria-label={t('bills.detail.sepaOfRun', { date: date(p.paymentDate) })}
                              onClick={() =>
                                modals.open({
                                  title: t('bills.detail.sepaTitle'),
                                  children: <SepaDownload runId={p.sepaRunId!} />,
                                })
                              }
                            >
                              {t('bills.detail.sepaFile')}
                            </Button>
                          )}
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="gray"
                            aria-label={t('bills.detail.undoPayment', {
                              amount: money(p.amount, c),
                              date: date(p.paymentDate),
                            })}
                            onClick={() => undo.mutate({ id: p.paymentId }, { onError: notifyError })}
                          >
                            {t('bills.detail.undo')}
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
                  {t('common.notes')}
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
  const { t } = useTranslation();
  const m = bill.match!;
  return (
    <Card withBorder padding="lg" mt="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5">
          {t('bills.match.title', { number: bill.purchaseOrder?.number ?? '' })}
        </Title>
        <Text size="xs" c="dimmed">
          {t('bills.match.hint', { percent: m.tolerancePercent })}
        </Text>
      </Group>
      <MatchTable match={m} currency={bill.currency} label={t('bills.match.label')} />
    </Card>
  );
}

function PaymentModal({ bill, onClose }: { bill: Bill; onClose: () => void }) {
  const { t } = useTranslation();
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
    success: t('payables.payment.recorded'),
  });
  const discountAvailable = bill.offer && paymentDate <= bill.offer.payBy;

  const submit = () => {
    setErrors({});
    if (foreign && parseRateInput(rate, sep) === null)
      return setErrors({
        exchangeRate: t('payables.rate.enterOnDate', { currency: c, base: preferences.baseCurrency }),
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
    <Modal opened onClose={onClose} title={t('payables.payment.title', { name: bill.vendor.name })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {t('payables.balanceDue')}: <strong className="num">{money(bill.balance, c)}</strong>
          </Text>
          <DateField
            label={t('payables.payment.date')}
            value={paymentDate}
            onChange={setPaymentDate}
            error={errors.paymentDate}
          />
          {bill.offer && (
            <Checkbox
              label={t('bills.payment.takeDiscount', {
                amount: money(bill.offer.save, c),
                date: date(bill.offer.payBy),
              })}
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
            label={t('bills.payment.amount')}
            currency={c}
            value={amount}
            onChange={setAmount}
            error={errors.amount}
            data-autofocus
          />
          <ExchangeRateField
            currency={c}
            description={t('bills.payment.rateHint', { rate: bill.exchangeRate })}
            value={rate}
            onChange={(e) => setRate(e.currentTarget.value)}
            error={errors.exchangeRate}
          />
          <Select
            label={t('payables.payment.method')}
            data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(PAYMENT_METHOD[m]) }))}
            value={method}
            onChange={(m) => m && setMethod(m)}
            allowDeselect={false}
            error={errors.method}
          />
          <TextInput
            label={t('common.reference')}
            placeholder={t('bills.payment.referenceHint')}
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
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('payables.payment.save')}
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
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const dismiss = useApiMutation('bills.dismissWarning', {
    invalidates: PAYABLES,
    success: t('bills.dismiss.done'),
  });
  return (
    <Modal
      opened={warning !== null}
      onClose={onClose}
      title={t('bills.dismiss.title', { title: warning?.title ?? '' })}
    >
      <Stack gap="sm">
        <Text size="sm">{warning?.message}</Text>
        <Textarea
          label={t('payables.reason')}
          description={t('bills.dismiss.hint')}
          autosize
          minRows={2}
          value={reason}
          error={error}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
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
            {t('bills.dismiss.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function VoidModal({ bill, opened, onClose }: { bill: Bill; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const voidBill = useApiMutation('bills.void', { invalidates: PAYABLES, success: t('bills.void.done') });
  return (
    <Modal opened={opened} onClose={onClose} title={t('bills.void.title')}>
      <Stack gap="sm">
        <Text size="sm">{t('bills.void.text')}</Text>
        <TextInput
          label={t('payables.reason')}
          value={reason}
          error={error}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
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
            {t('bills.void.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Loaded } from '../../components/PageState';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Menu,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import {
  IconChevronDown,
  IconCopy,
  IconFileMinus,
  IconPencil,
  IconTrash,
  IconBan,
  IconSend,
  IconCheck,
  IconX,
  IconArrowRight,
} from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { Document, DocType } from '../../../../shared/api/documents';
import { PAYMENT_METHOD_KEYS } from '../payments/methods';
import { call } from '../../api/client';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { confirmIssue } from './confirmIssue';
import { useSettings } from '../../app/useSettings';
import { Money } from '../../components/Money';
import { MoneyInput } from '../../components/MoneyInput';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatDateTime } from '../../lib/format';
import { RecordPaymentModal } from '../payments/RecordPaymentModal';
import { ApplyPaymentCredit } from '../payments/ApplyPaymentCredit';
import { auditLabel } from '../../lib/audit-labels';
import { DocumentPaper } from './DocumentPaper';
import { DOC, docPath } from './labels';
import { DocumentOutputCard, SentLogCard } from '../document-output/Mounts';
import { EinvoiceMenu, PreflightPanel } from '../einvoice/EinvoiceMenu';

const INVALIDATES = ['documents', 'payments', 'customers', 'audit', 'recurring'];

export function DocumentViewPage({ type }: { type: DocType }) {
  const { id } = useParams();
  const doc = useApi('documents.get', { id: Number(id) });
  return (
    <Loaded query={doc}>
      {(d) =>
        // A link with the wrong type in its path (say /invoices/7 for a credit note) goes to the right one.
        d.type !== type ? <Navigate to={docPath(d.type, d.id)} replace /> : <DocumentView doc={d} />
      }
    </Loaded>
  );
}

function DocumentView({ doc }: { doc: Document }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const { preferences } = useSettings();
  const type = doc.type;
  const label = DOC[type];
  const [paying, setPaying] = useState(false);
  const [voiding, setVoiding] = useState(false);
  const [applying, setApplying] = useState(false);
  const issue = useApiMutation('documents.issue', {
    invalidates: INVALIDATES,
    success: (d) => t('documents.view.issued', { type, number: d.number }),
  });
  const setQuote = useApiMutation('quotes.setStatus', { invalidates: INVALIDATES });
  const convert = useApiMutation('quotes.convert', {
    invalidates: INVALIDATES,
    success: () => t('documents.view.converted'),
  });
  const duplicate = useApiMutation('documents.duplicate', {
    invalidates: INVALIDATES,
    success: () => t('documents.view.duplicated'),
  });
  const creditNote = useApiMutation('creditNotes.fromInvoice', { invalidates: INVALIDATES });
  const client = useQueryClient();
  const undo = useApiMutation('payments.undo', {
    invalidates: INVALIDATES,
    success: () => t('payments.undone'),
  });
  const history = useApi('audit.list', { entity: doc.type, entityId: String(doc.id), limit: 50 });

  const isDraft = doc.status === 'draft';
  const openInvoice = doc.type === 'invoice' && (doc.status === 'issued' || doc.status === 'partially_paid');
  const go = (d: Document) => void navigate(docPath(d.type, d.id));

  const onIssue = () => confirmIssue(t, type, () => issue.mutate({ id: doc.id }, { onError: notifyError }));
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: t('documents.view.deleteTitle'),
      children: <Text size="sm">{t('documents.view.deleteBody')}</Text>,
      labels: { confirm: t('documents.view.deleteDraft'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      // Leave the page before the lists refresh: refreshing first would show this page's
      // "not found" for the document just deleted.
      onConfirm: () => {
        call('documents.deleteDraft', { id: doc.id }).then(
          async () => {
            void navigate(label.list);
            notifications.show({ color: 'green', message: t('documents.view.deleted', { type }) });
            await Promise.all(INVALIDATES.map((d) => client.invalidateQueries({ queryKey: [d] })));
          },
          (error: unknown) => notifyError(error),
        );
      },
    });

  const actions = (
    <Group gap="xs">
      {isDraft && (
        <Button
          variant="default"
          leftSection={<IconPencil size={16} />}
          onClick={() => void navigate(`${label.base}/${doc.id}/edit`)}
        >
          {t('common.edit')}
        </Button>
      )}
      {isDraft && doc.type !== 'quote' && (
        <Button onClick={onIssue} loading={issue.isPending}>
          {t('documents.view.issue', { type })}
        </Button>
      )}
      {isDraft && doc.type === 'quote' && (
        <Button
          leftSection={<IconSend size={16} />}
          onClick={() => setQuote.mutate({ id: doc.id, status: 'sent' }, { onError: notifyError })}
        >
          {t('documents.view.markSent')}
        </Button>
      )}
      {openInvoice && <ApplyPaymentCredit invoiceId={doc.id} />}
      {openInvoice && <Button onClick={() => setPaying(true)}>{t('payments.record.button')}</Button>}
      {doc.type === 'quote' && ['sent', 'declined'].includes(doc.status) && (
        <Button
          variant="light"
          color="green"
          leftSection={<IconCheck size={16} />}
          onClick={() => setQuote.mutate({ id: doc.id, status: 'accepted' }, { onError: notifyError })}
        >
          {t('documents.view.markAccepted')}
        </Button>
      )}
      {doc.type === 'quote' &&
        ['sent', 'accepted'].includes(doc.status) &&
        !doc.related.some((r) => r.type === 'invoice') && (
          <Button
            leftSection={<IconArrowRight size={16} />}
            onClick={() => convert.mutate({ id: doc.id }, { onSuccess: go, onError: notifyError })}
          >
            {t('documents.view.convert')}
          </Button>
        )}
      {doc.type === 'credit_note' && doc.status === 'issued' && (
        <Button onClick={() => setApplying(true)}>{t('documents.view.applyCredit')}</Button>
      )}
      {!isDraft && doc.type !== 'quote' && doc.status !== 'void' && <EinvoiceMenu doc={doc} />}
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={14} />}>
            {t('documents.view.more')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            leftSection={<IconCopy size={14} />}
            onClick={() => duplicate.mutate({ id: doc.id }, { onSuccess: go, onError: notifyError })}
          >
            {t('documents.view.duplicate')}
          </Menu.Item>
          {doc.type === 'invoice' && !isDraft && doc.status !== 'void' && (
            <Menu.Item
              leftSection={<IconFileMinus size={14} />}
              onClick={() =>
                creditNote.mutate({ invoiceId: doc.id }, { onSuccess: go, onError: notifyError })
              }
            >
              {t('documents.view.createCreditNote')}
            </Menu.Item>
          )}
          {doc.type === 'quote' && doc.status === 'sent' && (
            <Menu.Item
              leftSection={<IconX size={14} />}
              onClick={() => setQuote.mutate({ id: doc.id, status: 'declined' }, { onError: notifyError })}
            >
              {t('documents.view.markDeclined')}
            </Menu.Item>
          )}
          {!isDraft && doc.status !== 'void' && (
            <Menu.Item color="red" leftSection={<IconBan size={14} />} onClick={() => setVoiding(true)}>
              {t('documents.view.voidMenu')}
            </Menu.Item>
          )}
          {isDraft && (
            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={confirmDelete}>
              {t('documents.view.deleteDraft')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Anchor component={Link} to={label.list} size="sm">
            ← {t('documents.name.many', { type })}
          </Anchor>
          <Group gap="sm">
            <Title order={1} size="h2" className={doc.status === 'void' ? 'void' : undefined}>
              {t('documents.view.title', { type, number: doc.number ?? t('documents.view.draftNumber') })}
            </Title>
            <span role="group" aria-label={t('documents.view.status')}>
              <StatusBadge status={doc.displayStatus} />
            </span>
          </Group>
          <Text size="sm">
            <Anchor component={Link} to={`/customers/${doc.customerId}`}>
              {doc.customerName}
            </Anchor>
            {' · '}
            {formatDate(doc.issueDate, preferences.locale)}
            {doc.dueDate &&
              doc.type === 'invoice' &&
              ` · ${t('documents.view.dueOn', { date: formatDate(doc.dueDate, preferences.locale) })}`}
          </Text>
        </Stack>
        {actions}
      </Group>
      {doc.type === 'invoice' && !isDraft && doc.status !== 'void' && (
        <Alert color="blue" variant="light" title={t('documents.view.lockedTitle')}>
          {t('documents.view.lockedBody')}
        </Alert>
      )}
      {doc.status === 'void' && (
        <Alert color="gray" title={t('documents.view.voidTitle')}>
          {t('documents.view.voidBody', { reason: doc.voidReason, number: doc.number })}
        </Alert>
      )}
      {isDraft && doc.type !== 'quote' && <PreflightPanel doc={doc} />}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <DocumentPaper doc={doc} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <DocumentOutputCard doc={doc} />
            {doc.type !== 'quote' && !isDraft && (
              <Card withBorder>
                <Stack gap={4}>
                  <Group justify="space-between">
                    <Text size="sm">{t('common.total')}</Text>
                    <Money amount={doc.total} currency={doc.currency} size="sm" />
                  </Group>
                  {doc.type === 'invoice' && (
                    <>
                      <Group justify="space-between">
                        <Text size="sm">{t('documents.view.paid')}</Text>
                        <Money amount={doc.paid} currency={doc.currency} size="sm" />
                      </Group>
                      <Group justify="space-between">
                        <Text size="sm">{t('documents.view.credited')}</Text>
                        <Money amount={doc.credited} currency={doc.currency} size="sm" />
                      </Group>
                    </>
                  )}
                  <Group justify="space-between">
                    <Text fw={700}>
                      {doc.type === 'credit_note'
                        ? t('documents.creditLeft')
                        : t('documents.view.balanceDue')}
                    </Text>
                    <Money
                      amount={doc.balance}
                      currency={doc.currency}
                      fw={700}
                      aria-label={
                        doc.type === 'credit_note'
                          ? t('documents.creditLeft')
                          : t('documents.view.balanceDue')
                      }
                    />
                  </Group>
                </Stack>
              </Card>
            )}
            {doc.allocations.length > 0 && (
              <Card withBorder>
                <Title order={2} size="h5" mb="xs">
                  {doc.type === 'credit_note'
                    ? t('documents.view.appliedTo')
                    : t('documents.view.paymentsAndCredits')}
                </Title>
                <Table aria-label={t('documents.view.paymentsAndCredits')}>
                  <Table.Tbody>
                    {doc.allocations.map((a) => (
                      <Table.Tr key={a.id} className={a.undone ? 'void' : undefined}>
                        <Table.Td>{formatDate(a.date, preferences.locale)}</Table.Td>
                        <Table.Td>
                          {doc.type === 'credit_note' ? (
                            <Anchor component={Link} to={docPath('invoice', a.invoiceId)}>
                              {a.invoiceNumber}
                            </Anchor>
                          ) : a.source === 'payment' ? (
                            `${a.method && a.method in PAYMENT_METHOD_KEYS ? t(PAYMENT_METHOD_KEYS[a.method as keyof typeof PAYMENT_METHOD_KEYS]) : t('documents.view.payment')}${a.reference ? ` ${a.reference}` : ''}`
                          ) : (
                            <Anchor component={Link} to={docPath('credit_note', a.creditNoteId!)}>
                              {t('documents.view.title', { type: 'credit_note', number: a.creditNoteNumber })}
                            </Anchor>
                          )}
                          {a.undone && ` ${t('documents.view.undone')}`}
                        </Table.Td>
                        <Table.Td className="num">
                          <Money amount={a.amount} currency={doc.currency} size="sm" />
                        </Table.Td>
                        <Table.Td w={60}>
                          {a.source === 'payment' && !a.undone && a.paymentId !== null && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color="red"
                              aria-label={t('documents.view.undoPaymentOf', {
                                date: formatDate(a.date, preferences.locale),
                              })}
                              onClick={() =>
                                modals.openConfirmModal({
                                  title: t('payments.undo.title'),
                                  children: <Text size="sm">{t('documents.view.undoBody')}</Text>,
                                  labels: {
                                    confirm: t('payments.undo.confirm'),
                                    cancel: t('payments.undo.keep'),
                                  },
                                  confirmProps: { color: 'red' },
                                  onConfirm: () =>
                                    undo.mutate({ id: a.paymentId!, reason: '' }, { onError: notifyError }),
                                })
                              }
                            >
                              {t('payments.undo.button')}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Card>
            )}
            {doc.related.length > 0 && (
              <Card withBorder>
                <Title order={2} size="h5" mb="xs">
                  {t('documents.view.related')}
                </Title>
                {doc.related.map((r) => (
                  <Text size="sm" key={r.id}>
                    {r.relation}:{' '}
                    <Anchor component={Link} to={docPath(r.type, r.id)}>
                      {r.number ?? t('documents.view.draftLower')}
                    </Anchor>
                  </Text>
                ))}
              </Card>
            )}
            <Card withBorder>
              <Title order={2} size="h5" mb="xs">
                {t('documents.view.history')}
              </Title>
              <Timeline bulletSize={10} lineWidth={2}>
                {(history.data?.entries ?? []).map((e) => (
                  <Timeline.Item key={e.id} title={<Text size="sm">{auditLabel(e.action)}</Text>}>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(e.at, preferences.locale)} · {e.user}
                    </Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
      <SentLogCard documentId={doc.id} />
      {paying && (
        <RecordPaymentModal
          opened
          onClose={() => setPaying(false)}
          customerId={doc.customerId}
          invoice={{ id: doc.id, balance: doc.balance, currency: doc.currency }}
        />
      )}
      {voiding && <VoidModal doc={doc} onClose={() => setVoiding(false)} />}
      {applying && <ApplyCreditModal doc={doc} onClose={() => setApplying(false)} />}
    </Stack>
  );
}

function VoidModal({ doc, onClose }: { doc: Document; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const voidDoc = useApiMutation('documents.void', {
    invalidates: INVALIDATES,
    success: () => t('documents.void.done', { number: doc.number }),
  });
  return (
    <Modal opened onClose={onClose} title={t('documents.void.title', { number: doc.number })}>
      <Stack>
        <Text size="sm">{t('documents.void.body')}</Text>
        <TextInput
          label={t('documents.void.reason')}
          withAsterisk
          data-autofocus
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={voidDoc.isPending}
            onClick={() =>
              voidDoc.mutate(
                { id: doc.id, reason },
                {
                  onSuccess: onClose,
                  onError: (e) => (e.fields.reason ? setError(e.fields.reason) : (notifyError(e), onClose())),
                },
              )
            }
          >
            {t('documents.void.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ApplyCreditModal({ doc, onClose }: { doc: Document; onClose: () => void }) {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  const open = useApi('documents.list', {
    type: 'invoice',
    customerId: doc.customerId,
    statuses: ['issued', 'partially_paid', 'overdue'],
    limit: 200,
  });
  const [invoiceId, setInvoiceId] = useState<number | null>(null);
  const [amount, setAmount] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const apply = useApiMutation('creditNotes.apply', {
    invalidates: INVALIDATES,
    success: () => t('documents.applyCredit.done'),
  });
  const invoices = (open.data?.rows ?? []).filter((r) => r.currency === doc.currency);
  return (
    <Modal opened onClose={onClose} title={t('documents.applyCredit.title')} size="lg">
      <Stack>
        {invoices.length === 0 ? (
          <Text size="sm">{t('documents.applyCredit.noInvoices', { currency: doc.currency })}</Text>
        ) : (
          <Table aria-label={t('documents.applyCredit.openInvoices')}>
            <Table.Tbody>
              {invoices.map((inv) => (
                <Table.Tr
                  key={inv.id}
                  onClick={() => {
                    setInvoiceId(inv.id);
                    setAmount(Math.min(inv.balance, doc.balance));
                  }}
                  style={{
                    cursor: 'pointer',
                    background: invoiceId === inv.id ? 'var(--mantine-color-indigo-light)' : undefined,
                  }}
                >
                  <Table.Td>{inv.number}</Table.Td>
                  <Table.Td className="num">
                    <Money amount={inv.balance} currency={inv.currency} size="sm" />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <MoneyInput
          label={t('documents.applyCredit.amount')}
          currency={doc.currency}
          value={amount}
          onChange={setAmount}
          error={errors.amount ?? errors.invoiceId}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={invoiceId === null || amount === null}
            loading={apply.isPending}
            onClick={() =>
              apply.mutate(
                { creditNoteId: doc.id, invoiceId: invoiceId!, amount: amount!, date: today },
                { onSuccess: onClose, onError: (e) => setErrors(e.fields) },
              )
            }
          >
            {t('documents.view.applyCredit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

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
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { Document, DocType } from '../../../../shared/api/documents';
import { PAYMENT_METHOD_LABELS } from '../../../../shared/api/payments';
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
  const { preferences } = useSettings();
  const label = DOC[doc.type];
  const [paying, setPaying] = useState(false);
  const [voiding, setVoiding] = useState(false);
  const [applying, setApplying] = useState(false);
  const issue = useApiMutation('documents.issue', {
    invalidates: INVALIDATES,
    success: (d) => `${label.one} ${d.number} issued.`,
  });
  const setQuote = useApiMutation('quotes.setStatus', { invalidates: INVALIDATES });
  const convert = useApiMutation('quotes.convert', {
    invalidates: INVALIDATES,
    success: 'Draft invoice created from the quote.',
  });
  const duplicate = useApiMutation('documents.duplicate', {
    invalidates: INVALIDATES,
    success: 'Copy created as a draft.',
  });
  const creditNote = useApiMutation('creditNotes.fromInvoice', { invalidates: INVALIDATES });
  const client = useQueryClient();
  const undo = useApiMutation('payments.undo', { invalidates: INVALIDATES, success: 'Payment undone.' });
  const history = useApi('audit.list', { entity: doc.type, entityId: String(doc.id), limit: 50 });

  const isDraft = doc.status === 'draft';
  const openInvoice = doc.type === 'invoice' && (doc.status === 'issued' || doc.status === 'partially_paid');
  const go = (d: Document) => void navigate(docPath(d.type, d.id));

  const onIssue = () => confirmIssue(label.one, () => issue.mutate({ id: doc.id }, { onError: notifyError }));
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: 'Delete this draft?',
      children: <Text size="sm">A draft has no number yet, so nothing is lost but its content.</Text>,
      labels: { confirm: 'Delete draft', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      // Leave the page before the lists refresh: refreshing first would show this page's
      // "not found" for the document just deleted.
      onConfirm: () => {
        call('documents.deleteDraft', { id: doc.id }).then(
          async () => {
            void navigate(label.list);
            notifications.show({ color: 'green', message: `Draft ${label.one.toLowerCase()} deleted.` });
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
          Edit
        </Button>
      )}
      {isDraft && doc.type !== 'quote' && (
        <Button onClick={onIssue} loading={issue.isPending}>
          Issue {label.one.toLowerCase()}
        </Button>
      )}
      {isDraft && doc.type === 'quote' && (
        <Button
          leftSection={<IconSend size={16} />}
          onClick={() => setQuote.mutate({ id: doc.id, status: 'sent' }, { onError: notifyError })}
        >
          Mark as sent
        </Button>
      )}
      {openInvoice && <ApplyPaymentCredit invoiceId={doc.id} />}
      {openInvoice && <Button onClick={() => setPaying(true)}>Record payment</Button>}
      {doc.type === 'quote' && ['sent', 'declined'].includes(doc.status) && (
        <Button
          variant="light"
          color="green"
          leftSection={<IconCheck size={16} />}
          onClick={() => setQuote.mutate({ id: doc.id, status: 'accepted' }, { onError: notifyError })}
        >
          Mark accepted
        </Button>
      )}
      {doc.type === 'quote' &&
        ['sent', 'accepted'].includes(doc.status) &&
        !doc.related.some((r) => r.type === 'invoice') && (
          <Button
            leftSection={<IconArrowRight size={16} />}
            onClick={() => convert.mutate({ id: doc.id }, { onSuccess: go, onError: notifyError })}
          >
            Convert to invoice
          </Button>
        )}
      {doc.type === 'credit_note' && doc.status === 'issued' && (
        <Button onClick={() => setApplying(true)}>Apply credit</Button>
      )}
      {!isDraft && doc.type !== 'quote' && doc.status !== 'void' && <EinvoiceMenu doc={doc} />}
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={14} />}>
            More
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            leftSection={<IconCopy size={14} />}
            onClick={() => duplicate.mutate({ id: doc.id }, { onSuccess: go, onError: notifyError })}
          >
            Duplicate
          </Menu.Item>
          {doc.type === 'invoice' && !isDraft && doc.status !== 'void' && (
            <Menu.Item
              leftSection={<IconFileMinus size={14} />}
              onClick={() =>
                creditNote.mutate({ invoiceId: doc.id }, { onSuccess: go, onError: notifyError })
              }
            >
              Create credit note
            </Menu.Item>
          )}
          {doc.type === 'quote' && doc.status === 'sent' && (
            <Menu.Item
              leftSection={<IconX size={14} />}
              onClick={() => setQuote.mutate({ id: doc.id, status: 'declined' }, { onError: notifyError })}
            >
              Mark declined
            </Menu.Item>
          )}
          {!isDraft && doc.status !== 'void' && (
            <Menu.Item color="red" leftSection={<IconBan size={14} />} onClick={() => setVoiding(true)}>
              Void…
            </Menu.Item>
          )}
          {isDraft && (
            <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={confirmDelete}>
              Delete draft
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
            ← {label.many}
          </Anchor>
          <Group gap="sm">
            <Title order={1} size="h2" className={doc.status === 'void' ? 'void' : undefined}>
              {label.one} {doc.number ?? '(draft)'}
            </Title>
            <span role="group" aria-label="Document status">
              <StatusBadge status={doc.displayStatus} />
            </span>
          </Group>
          <Text size="sm">
            <Anchor component={Link} to={`/customers/${doc.customerId}`}>
              {doc.customerName}
            </Anchor>
            {' · '}
            {formatDate(doc.issueDate, preferences.locale)}
            {doc.dueDate && doc.type === 'invoice' && ` · due ${formatDate(doc.dueDate, preferences.locale)}`}
          </Text>
        </Stack>
        {actions}
      </Group>
      {doc.type === 'invoice' && !isDraft && doc.status !== 'void' && (
        <Alert color="blue" variant="light" title="This invoice is issued and locked">
          Your customer may already have it, so it is never edited. To correct it, create a credit note (More
          → Create credit note) for what was wrong, and issue a new invoice if needed. Both keep their own
          numbers.
        </Alert>
      )}
      {doc.status === 'void' && (
        <Alert color="gray" title="Void">
          Voided: {doc.voidReason}. The number {doc.number} stays used and is never given again.
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
                    <Text size="sm">Total</Text>
                    <Money amount={doc.total} currency={doc.currency} size="sm" />
                  </Group>
                  {doc.type === 'invoice' && (
                    <>
                      <Group justify="space-between">
                        <Text size="sm">Paid</Text>
                        <Money amount={doc.paid} currency={doc.currency} size="sm" />
                      </Group>
                      <Group justify="space-between">
                        <Text size="sm">Credited</Text>
                        <Money amount={doc.credited} currency={doc.currency} size="sm" />
                      </Group>
                    </>
                  )}
                  <Group justify="space-between">
                    <Text fw={700}>{doc.type === 'credit_note' ? 'Credit left' : 'Balance due'}</Text>
                    <Money
                      amount={doc.balance}
                      currency={doc.currency}
                      fw={700}
                      aria-label={doc.type === 'credit_note' ? 'Credit left' : 'Balance due'}
                    />
                  </Group>
                </Stack>
              </Card>
            )}
            {doc.allocations.length > 0 && (
              <Card withBorder>
                <Title order={2} size="h5" mb="xs">
                  {doc.type === 'credit_note' ? 'Applied to' : 'Payments and credits'}
                </Title>
                <Table aria-label="Payments and credits">
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
                            `${PAYMENT_METHOD_LABELS[a.method as keyof typeof PAYMENT_METHOD_LABELS] ?? 'Payment'}${a.reference ? ` ${a.reference}` : ''}`
                          ) : (
                            <Anchor component={Link} to={docPath('credit_note', a.creditNoteId!)}>
                              Credit note {a.creditNoteNumber}
                            </Anchor>
                          )}
                          {a.undone && ' (undone)'}
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
                              aria-label={`Undo payment of ${formatDate(a.date, preferences.locale)}`}
                              onClick={() =>
                                modals.openConfirmModal({
                                  title: 'Undo this payment?',
                                  children: (
                                    <Text size="sm">
                                      The whole payment is reversed, on every invoice it paid. It stays in the
                                      history, struck through.
                                    </Text>
                                  ),
                                  labels: { confirm: 'Undo payment', cancel: 'Keep it' },
                                  confirmProps: { color: 'red' },
                                  onConfirm: () =>
                                    undo.mutate({ id: a.paymentId!, reason: '' }, { onError: notifyError }),
                                })
                              }
                            >
                              Undo
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
                  Related
                </Title>
                {doc.related.map((r) => (
                  <Text size="sm" key={r.id}>
                    {r.relation}:{' '}
                    <Anchor component={Link} to={docPath(r.type, r.id)}>
                      {r.number ?? 'draft'}
                    </Anchor>
                  </Text>
                ))}
              </Card>
            )}
            <Card withBorder>
              <Title order={2} size="h5" mb="xs">
                History
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
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const voidDoc = useApiMutation('documents.void', {
    invalidates: INVALIDATES,
    success: `${doc.number} is void.`,
  });
  return (
    <Modal opened onClose={onClose} title={`Void ${doc.number}?`}>
      <Stack>
        <Text size="sm">
          The document stays in your records with its number, marked void; the number is never used again. Its
          balance no longer counts.
        </Text>
        <TextInput
          label="Reason"
          withAsterisk
          data-autofocus
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
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
            Void
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ApplyCreditModal({ doc, onClose }: { doc: Document; onClose: () => void }) {
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
  const apply = useApiMutation('creditNotes.apply', { invalidates: INVALIDATES, success: 'Credit applied.' });
  const invoices = (open.data?.rows ?? []).filter((r) => r.currency === doc.currency);
  return (
    <Modal opened onClose={onClose} title="Apply credit to an invoice" size="lg">
      <Stack>
        {invoices.length === 0 ? (
          <Text size="sm">This customer has no open invoices in {doc.currency}.</Text>
        ) : (
          <Table aria-label="Open invoices">
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
          label="Amount to apply"
          currency={doc.currency}
          value={amount}
          onChange={setAmount}
          error={errors.amount ?? errors.invoiceId}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
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
            Apply credit
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

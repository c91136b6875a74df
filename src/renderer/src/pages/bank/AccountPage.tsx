import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowBackUp, IconFileImport, IconPencil, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  BANK_CATEGORIES,
  type BankAccount,
  type BankLine,
  type BankSuggestion,
} from '../../../../shared/api/bank';
import { formatIban } from '../../../../shared/domain/iban';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { useMoneyFormat } from '../../components/Money';
import { Loaded } from '../../components/PageState';
import { formatDate } from '../../lib/format';
import { AccountFormModal } from './AccountFormModal';
import { ImportStatementModal } from './ImportStatementModal';
import { useTranslation } from 'react-i18next';

/** What a line can be marked as when it pays no invoice or bill, in words. */
export const CATEGORY_LABELS = {
  bank_fees: 'bank.categories.bankFees',
  owner_transfer: 'bank.categories.ownerTransfer',
  tax_payment: 'bank.categories.taxPayment',
  other_income: 'bank.categories.otherIncome',
  other_expense: 'bank.categories.otherExpense',
  transfer_between_accounts: 'bank.categories.transferBetweenAccounts',
} as const satisfies Record<(typeof BANK_CATEGORIES)[number], string>;

const BANK_DOMAINS = [
  'bank',
  'documents',
  'payments',
  'customers',
  'bills',
  'billPayments',
  'vendors',
  'dashboard',
  'reports',
  'audit',
];

export function AccountPage() {
  const id = Number(useParams().id);
  const account = useApi('bank.accounts.get', { id });
  return <Loaded query={account}>{(a) => <Account account={a} />}</Loaded>;
}

function Account({ account: a }: { account: BankAccount }) {
  const { t } = useTranslation();
  const fmt = useMoneyFormat();
  const { preferences } = useSettings();
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<string | null>('open');
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={0}>
          <Anchor component={Link} to="/bank" size="sm">
            {t('bank.list.title')}
          </Anchor>
          <Title order={2}>{a.name}</Title>
          <Text c="dimmed" size="sm">
            {a.iban ? formatIban(a.iban) : a.accountNumber} · {a.currency}
          </Text>
        </Stack>
        <Group>
          <Stack gap={0} align="flex-end">
            <Text size="xs" c="dimmed">
              {t('bank.account.balanceOn', { date: formatDate(a.balanceDate, preferences.locale) })}
            </Text>
            <Text fw={700} size="xl" className="amount">
              {fmt(a.balance, a.currency)}
            </Text>
          </Stack>
          <Tooltip label={t('bank.account.edit')}>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t('bank.account.edit')}
              onClick={() => setEditing(true)}
            >
              <IconPencil size={18} />
            </ActionIcon>
          </Tooltip>
          <Button leftSection={<IconFileImport size={16} />} onClick={() => setImporting(true)}>
            {t('bank.import.button')}
          </Button>
        </Group>
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="open">{t('bank.tabs.open', { count: a.openLines })}</Tabs.Tab>
          <Tabs.Tab value="all">{t('bank.tabs.all')}</Tabs.Tab>
          <Tabs.Tab value="reconcile">{t('bank.tabs.reconcile')}</Tabs.Tab>
          <Tabs.Tab value="rules">{t('bank.tabs.rules')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="open" pt="md">
          <MatchLines account={a} onImport={() => setImporting(true)} />
        </Tabs.Panel>
        <Tabs.Panel value="all" pt="md">
          <AllLines account={a} />
        </Tabs.Panel>
        <Tabs.Panel value="reconcile" pt="md">
          <Reconcile account={a} />
        </Tabs.Panel>
        <Tabs.Panel value="rules" pt="md">
          <Rules />
        </Tabs.Panel>
      </Tabs>
      <ImportStatementModal account={a} opened={importing} onClose={() => setImporting(false)} />
      <AccountFormModal account={a} opened={editing} onClose={() => setEditing(false)} />
    </Stack>
  );
}

function LineSummary({ line }: { line: BankLine }) {
  const { t } = useTranslation();
  const fmt = useMoneyFormat();
  const { preferences } = useSettings();
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" w="100%">
      <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
        <Text size="sm" fw={600} truncate="end">
          {line.counterpartyName || line.text || t('bank.lines.noName')}
        </Text>
        <Text size="xs" c="dimmed" truncate="end">
          {formatDate(line.bookingDate, preferences.locale)}
          {line.reference ? ` · ${line.reference}` : ''}
        </Text>
      </Stack>
      <Text
        size="sm"
        fw={600}
        className="amount"
        c={line.amount < 0 ? 'red.8' : 'green.8'}
        style={{ whiteSpace: 'nowrap', flexShrink: 0 }}
      >
        {fmt(line.amount, line.currency)}
      </Text>
    </Group>
  );
}

/** Open lines on the left (↑↓ to move), the selected line's suggestions on the right (Enter accepts the first). */
function MatchLines({ account, onImport }: { account: BankAccount; onImport: () => void }) {
  const { t } = useTranslation();
  const lines = useApi('bank.lines.list', { accountId: account.id, status: 'open', limit: 500 });
  const [selected, setSelected] = useState(0);
  const rows = lines.data?.rows ?? [];
  const current = rows[Math.min(selected, rows.length - 1)];
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    listRef.current
      ?.querySelector<HTMLElement>(`[data-index="${selected}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  useHotkeys([
    ['ArrowDown', () => setSelected((s) => Math.min(s + 1, rows.length - 1))],
    ['ArrowUp', () => setSelected((s) => Math.max(s - 1, 0))],
  ]);
  return (
    <Loaded query={lines}>
      {(data) =>
        data.rows.length === 0 ? (
          <Paper withBorder p="xl">
            <Stack align="center" gap="xs">
              <Text fw={600}>{t('bank.match.nothingTitle')}</Text>
              <Text size="sm" c="dimmed">
                {t('bank.match.nothingText')}
              </Text>
              <Button variant="light" onClick={onImport}>
                {t('bank.import.button')}
              </Button>
            </Stack>
          </Paper>
        ) : (
          <Group align="flex-start" gap="md" wrap="nowrap">
            <Paper withBorder style={{ flex: '0 0 40%', minWidth: 280 }}>
              <div ref={listRef} style={{ maxHeight: 'calc(100vh - 300px)', overflowY: 'auto' }}>
                <Stack gap={0} role="listbox" aria-label={t('bank.match.listLabel')}>
                  {data.rows.map((l, i) => (
                    <UnstyledButton
                      key={l.id}
                      data-index={i}
                      role="option"
                      aria-selected={l.id === current?.id}
                      onClick={() => setSelected(i)}
                      p="sm"
                      w="100%"
                      style={{
                        borderBottom: '1px solid var(--mantine-color-default-border)',
                        background: l.id === current?.id ? 'var(--mantine-primary-color-light)' : undefined,
                      }}
                    >
                      <LineSummary line={l} />
                    </UnstyledButton>
                  ))}
                </Stack>
              </div>
              <Text size="xs" c="dimmed" p="xs">
                {t('bank.match.hint', { count: data.total })}
              </Text>
            </Paper>
            <div style={{ flex: 1, minWidth: 0 }}>
              {current && <LinePanel key={current.id} line={current} />}
            </div>
          </Group>
        )
      }
    </Loaded>
  );
}

function LinePanel({ line }: { line: BankLine }) {
  const { t } = useTranslation();
  const fmt = useMoneyFormat();
  const suggestions = useApi('bank.lines.suggest', { lineId: line.id });
  const confirm = useApiMutation('bank.lines.confirm', {
    invalidates: BANK_DOMAINS,
    success: t('bank.match.recorded'),
  });
  const categorize = useApiMutation('bank.lines.categorize', {
    invalidates: BANK_DOMAINS,
    success: t('bank.match.categorised'),
  });
  const [category, setCategory] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const accept = (s: BankSuggestion) =>
    confirm
      .mutateAsync({
        lineId: line.id,
        kind: s.kind,
        partyId: s.partyId,
        allocations: s.allocations.map((a) => ({
          documentId: a.documentId,
          amount: a.amount,
          discount: a.discount,
        })),
      })
      .catch(notifyError);
  useHotkeys([
    [
      'Enter',
      () => {
        const first = suggestions.data?.[0];
        if (first && !confirm.isPending) void accept(first);
      },
    ],
  ]);
  return (
    <Stack>
      <Paper withBorder p="md">
        <LineSummary line={line} />
        <Stack gap={2} mt="xs">
          {line.counterpartyIban && (
            <Text size="xs" c="dimmed">
              {formatIban(line.counterpartyIban)}
            </Text>
          )}
          {line.text && (
            <Text size="xs" c="dimmed">
              {line.text}
            </Text>
          )}
        </Stack>
      </Paper>
      <Title order={4}>{t('bank.match.suggestions')}</Title>
      <Loaded query={suggestions}>
        {(list) =>
          list.length === 0 ? (
            <Alert color="gray">{t('bank.match.noSuggestion')}</Alert>
          ) : (
            <Stack gap="sm">
              {list.map((s, i) => (
                <Paper key={i} withBorder p="sm">
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <Stack gap={4} style={{ minWidth: 0 }}>
                      <Group gap="xs">
                        <Text fw={600}>{s.partyName}</Text>
                        <Badge
                          variant="light"
                          color={s.score >= 80 ? 'green' : s.score >= 50 ? 'blue' : 'gray'}
                        >
                          {s.score >= 80
                            ? t('bank.match.strong')
                            : s.score >= 50
                              ? t('bank.match.likely')
                              : t('bank.match.possible')}
                        </Badge>
                      </Group>
                      <Text size="sm">
                        {t(s.kind === 'invoices' ? 'bank.match.paysInvoices' : 'bank.match.paysBills', {
                          documents: s.allocations
                            .map((a) =>
                              a.discount
                                ? t('bank.match.allocationDiscount', {
                                    number: a.number,
                                    amount: fmt(a.amount, line.currency),
                                    discount: fmt(a.discount, line.currency),
                                  })
                                : t('bank.match.allocation', {
                                    number: a.number,
                                    amount: fmt(a.amount, line.currency),
                                  }),
                            )
                            .join(', '),
                        })}
                        {s.unapplied > 0 && s.kind === 'invoices'
                          ? t('bank.match.becomesCredit', { amount: fmt(s.unapplied, line.currency) })
                          : ''}
                      </Text>
                      <Stack gap={0}>
                        {s.reasons.map((r) => (
                          <Text key={r} size="xs" c="dimmed">
                            • {r}
                          </Text>
                        ))}
                      </Stack>
                    </Stack>
                    <Button
                      style={{ flexShrink: 0 }}
                      onClick={() => void accept(s)}
                      loading={confirm.isPending}
                      aria-label={t('bank.match.acceptLabel', {
                        party: s.partyName,
                        documents: s.allocations.map((a) => a.number).join(', '),
                      })}
                    >
                      {t('bank.match.accept')}
                    </Button>
                  </Group>
                </Paper>
              ))}
            </Stack>
          )
        }
      </Loaded>
      <Paper withBorder p="sm">
        <Group align="flex-end">
          <Select
            label={t('bank.match.markAs')}
            placeholder={t('bank.match.choose')}
            data={BANK_CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_LABELS[c]) }))}
            value={category}
            onChange={setCategory}
            w={230}
          />
          <TextInput
            label={t('bank.match.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            style={{ flex: 1 }}
          />
          <Button
            variant="default"
            disabled={!category}
            loading={categorize.isPending}
            onClick={() =>
              categorize
                .mutateAsync({
                  lineId: line.id,
                  category: category as (typeof BANK_CATEGORIES)[number],
                  note,
                })
                .catch(notifyError)
            }
          >
            {t('bank.match.mark')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}

function AllLines({ account }: { account: BankAccount }) {
  const { t } = useTranslation();
  const fmt = useMoneyFormat();
  const { preferences } = useSettings();
  const lines = useApi('bank.lines.list', { accountId: account.id, status: 'all', limit: 500 });
  const undo = useApiMutation('bank.lines.undo', {
    invalidates: BANK_DOMAINS,
    success: t('bank.lines.undone'),
  });
  const clear = useApiMutation('bank.lines.categorize', {
    invalidates: BANK_DOMAINS,
    success: t('bank.lines.cleared'),
  });
  return (
    <Loaded query={lines}>
      {(data) => (
        <Paper withBorder>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.date')}</Table.Th>
                <Table.Th>{t('bank.lines.counterparty')}</Table.Th>
                <Table.Th>{t('common.reference')}</Table.Th>
                <Table.Th>{t('bank.lines.matchedTo')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('common.amount')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(l.bookingDate, preferences.locale)}
                  </Table.Td>
                  <Table.Td>{l.counterpartyName || l.text}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {l.reference}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {l.match ? (
                      <Text size="sm">
                        {l.match.partyName}: {l.match.documents.map((d) => d.number).join(', ')}
                      </Text>
                    ) : l.category ? (
                      <Badge variant="light" color="gray">
                        {l.category in CATEGORY_LABELS
                          ? t(CATEGORY_LABELS[l.category as keyof typeof CATEGORY_LABELS])
                          : l.category}
                      </Badge>
                    ) : (
                      <Badge variant="light" color="orange">
                        {t('bank.lines.open')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td className="amount" style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {fmt(l.amount, l.currency)}
                  </Table.Td>
                  <Table.Td>
                    {l.status === 'matched' && (
                      <Tooltip label={t('bank.lines.undo')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('bank.lines.undoLabel', {
                            date: formatDate(l.bookingDate, preferences.locale),
                            amount: fmt(l.amount, l.currency),
                          })}
                          onClick={() => undo.mutateAsync({ lineId: l.id }).catch(notifyError)}
                        >
                          <IconArrowBackUp size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                    {l.status === 'categorized' && (
                      <Tooltip label={t('bank.lines.clear')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('bank.lines.clearLabel', {
                            date: formatDate(l.bookingDate, preferences.locale),
                            amount: fmt(l.amount, l.currency),
                          })}
                          onClick={() =>
                            clear.mutateAsync({ lineId: l.id, category: null }).catch(notifyError)
                          }
                        >
                          <IconArrowBackUp size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.rows.length === 0 && (
            <Text c="dimmed" p="md">
              {t('bank.lines.empty')}
            </Text>
          )}
        </Paper>
      )}
    </Loaded>
  );
}

function Reconcile({ account }: { account: BankAccount }) {
  const { t } = useTranslation();
  const fmt = useMoneyFormat();
  const { preferences } = useSettings();
  const status = useApi('bank.reconcile.status', { accountId: account.id });
  const mark = useApiMutation('bank.reconcile.mark', {
    invalidates: ['bank'],
    success: t('bank.reconcile.done'),
  });
  return (
    <Loaded query={status}>
      {(s) => (
        <Paper withBorder p="md" maw={640}>
          <Stack>
            {s.statementClosing ? (
              <Table>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Td>
                      {t('bank.reconcile.closing', {
                        date: formatDate(s.statementClosing.date, preferences.locale),
                      })}
                    </Table.Td>
                    <Table.Td className="amount" style={{ textAlign: 'right' }}>
                      {fmt(s.statementClosing.amount, account.currency)}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Td>{t('bank.reconcile.folioBalance')}</Table.Td>
                    <Table.Td className="amount" style={{ textAlign: 'right' }}>
                      {fmt(s.folioBalance, account.currency)}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Td fw={600}>{t('bank.reconcile.difference')}</Table.Td>
                    <Table.Td
                      className="amount"
                      fw={600}
                      style={{ textAlign: 'right' }}
                      c={s.difference === 0 ? 'green.8' : 'red.8'}
                    >
                      {fmt(s.difference ?? 0, account.currency)}
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            ) : (
              <Text c="dimmed">{t('bank.reconcile.noClosing')}</Text>
            )}
            <Text size="sm">
              {s.openLines === 0
                ? t('bank.reconcile.allMatched')
                : t('bank.reconcile.stillOpen', { count: s.openLines })}
              {s.reconciledTo
                ? ` ${t('bank.reconcile.reconciledTo', { date: formatDate(s.reconciledTo, preferences.locale) })}`
                : ''}
            </Text>
            {s.statementClosing && (
              <Group>
                <Button
                  disabled={s.difference !== 0 || s.openLines > 0}
                  loading={mark.isPending}
                  onClick={() =>
                    mark
                      .mutateAsync({ accountId: account.id, date: s.statementClosing!.date })
                      .catch(notifyError)
                  }
                >
                  {t('bank.reconcile.mark', {
                    date: formatDate(s.statementClosing.date, preferences.locale),
                  })}
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      )}
    </Loaded>
  );
}

function Rules() {
  const { t } = useTranslation();
  const rules = useApi('bank.rules.list', {});
  const remove = useApiMutation('bank.rules.delete', {
    invalidates: ['bank'],
    success: t('bank.rules.deleted'),
  });
  return (
    <Loaded query={rules}>
      {(list) =>
        list.length === 0 ? (
          <Text c="dimmed">{t('bank.rules.empty')}</Text>
        ) : (
          <Paper withBorder>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('bank.rules.when')}</Table.Th>
                  <Table.Th>{t('bank.rules.is')}</Table.Th>
                  <Table.Th>{t('bank.rules.itIs')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('bank.rules.used')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.kind === 'iban' ? t('bank.rules.iban') : t('bank.rules.name')}</Table.Td>
                    <Table.Td>{r.kind === 'iban' ? formatIban(r.pattern) : r.pattern}</Table.Td>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={r.partyKind === 'customer' ? `/customers/${r.partyId}` : `/vendors/${r.partyId}`}
                      >
                        {r.partyName}
                      </Anchor>{' '}
                      <Text span size="xs" c="dimmed">
                        ({r.partyKind === 'customer' ? t('bank.rules.customer') : t('bank.rules.vendor')})
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{r.uses}</Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('bank.rules.deleteLabel', { pattern: r.pattern })}
                        onClick={() => remove.mutateAsync({ id: r.id }).catch(notifyError)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )
      }
    </Loaded>
  );
}

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
  BANK_CATEGORY_LABELS,
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
            Bank
          </Anchor>
          <Title order={2}>{a.name}</Title>
          <Text c="dimmed" size="sm">
            {a.iban ? formatIban(a.iban) : a.accountNumber} · {a.currency}
          </Text>
        </Stack>
        <Group>
          <Stack gap={0} align="flex-end">
            <Text size="xs" c="dimmed">
              Balance on {formatDate(a.balanceDate, preferences.locale)}
            </Text>
            <Text fw={700} size="xl" className="amount">
              {fmt(a.balance, a.currency)}
            </Text>
          </Stack>
          <Tooltip label="Edit account">
            <ActionIcon
              variant="default"
              size="lg"
              aria-label="Edit account"
              onClick={() => setEditing(true)}
            >
              <IconPencil size={18} />
            </ActionIcon>
          </Tooltip>
          <Button leftSection={<IconFileImport size={16} />} onClick={() => setImporting(true)}>
            Import statement
          </Button>
        </Group>
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="open">To match ({a.openLines})</Tabs.Tab>
          <Tabs.Tab value="all">All lines</Tabs.Tab>
          <Tabs.Tab value="reconcile">Reconcile</Tabs.Tab>
          <Tabs.Tab value="rules">Rules</Tabs.Tab>
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
  const fmt = useMoneyFormat();
  const { preferences } = useSettings();
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" w="100%">
      <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
        <Text size="sm" fw={600} truncate="end">
          {line.counterpartyName || line.text || 'No name'}
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
              <Text fw={600}>Nothing to match</Text>
              <Text size="sm" c="dimmed">
                Every imported line is matched or categorised. Import the next statement when it arrives.
              </Text>
              <Button variant="light" onClick={onImport}>
                Import statement
              </Button>
            </Stack>
          </Paper>
        ) : (
          <Group align="flex-start" gap="md" wrap="nowrap">
            <Paper withBorder style={{ flex: '0 0 40%', minWidth: 280 }}>
              <div ref={listRef} style={{ maxHeight: 'calc(100vh - 300px)', overflowY: 'auto' }}>
                <Stack gap={0} role="listbox" aria-label="Lines to match">
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
                {data.total} open · ↑↓ to move · Enter to accept the first suggestion
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
  const fmt = useMoneyFormat();
  const suggestions = useApi('bank.lines.suggest', { lineId: line.id });
  const confirm = useApiMutation('bank.lines.confirm', {
    invalidates: BANK_DOMAINS,
    success: 'Payment recorded.',
  });
  const categorize = useApiMutation('bank.lines.categorize', {
    invalidates: BANK_DOMAINS,
    success: 'Line categorised.',
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
      <Title order={4}>Suggestions</Title>
      <Loaded query={suggestions}>
        {(list) =>
          list.length === 0 ? (
            <Alert color="gray">
              No invoice or bill fits this line. If it is a fee, a tax payment or a transfer of your own, mark
              it below.
            </Alert>
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
                          {s.score >= 80 ? 'Strong match' : s.score >= 50 ? 'Likely' : 'Possible'}
                        </Badge>
                      </Group>
                      <Text size="sm">
                        {s.kind === 'invoices' ? 'Pays ' : 'Pays bill '}
                        {s.allocations
                          .map(
                            (a) =>
                              `${a.number} (${fmt(a.amount, line.currency)}${a.discount ? ` + ${fmt(a.discount, line.currency)} discount` : ''})`,
                          )
                          .join(', ')}
                        {s.unapplied > 0 && s.kind === 'invoices'
                          ? `; ${fmt(s.unapplied, line.currency)} becomes customer credit`
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
                      aria-label={`Accept: ${s.partyName}, ${s.allocations.map((a) => a.number).join(', ')}`}
                    >
                      Accept
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
            label="Not an invoice or bill? Mark it as"
            placeholder="Choose"
            data={BANK_CATEGORIES.map((c) => ({ value: c, label: BANK_CATEGORY_LABELS[c] }))}
            value={category}
            onChange={setCategory}
            w={230}
          />
          <TextInput
            label="Note"
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
            Mark
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}

function AllLines({ account }: { account: BankAccount }) {
  const fmt = useMoneyFormat();
  const { preferences } = useSettings();
  const lines = useApi('bank.lines.list', { accountId: account.id, status: 'all', limit: 500 });
  const undo = useApiMutation('bank.lines.undo', { invalidates: BANK_DOMAINS, success: 'Match undone.' });
  const clear = useApiMutation('bank.lines.categorize', {
    invalidates: BANK_DOMAINS,
    success: 'Category cleared.',
  });
  return (
    <Loaded query={lines}>
      {(data) => (
        <Paper withBorder>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Counterparty</Table.Th>
                <Table.Th>Reference</Table.Th>
                <Table.Th>Matched to</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Amount</Table.Th>
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
                        {BANK_CATEGORY_LABELS[l.category as (typeof BANK_CATEGORIES)[number]] ?? l.category}
                      </Badge>
                    ) : (
                      <Badge variant="light" color="orange">
                        Open
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td className="amount" style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {fmt(l.amount, l.currency)}
                  </Table.Td>
                  <Table.Td>
                    {l.status === 'matched' && (
                      <Tooltip label="Undo match">
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Undo match of ${formatDate(l.bookingDate, preferences.locale)} ${fmt(l.amount, l.currency)}`}
                          onClick={() => undo.mutateAsync({ lineId: l.id }).catch(notifyError)}
                        >
                          <IconArrowBackUp size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                    {l.status === 'categorized' && (
                      <Tooltip label="Clear category">
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Clear category of ${formatDate(l.bookingDate, preferences.locale)} ${fmt(l.amount, l.currency)}`}
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
              No lines yet: import a statement.
            </Text>
          )}
        </Paper>
      )}
    </Loaded>
  );
}

function Reconcile({ account }: { account: BankAccount }) {
  const fmt = useMoneyFormat();
  const { preferences } = useSettings();
  const status = useApi('bank.reconcile.status', { accountId: account.id });
  const mark = useApiMutation('bank.reconcile.mark', {
    invalidates: ['bank'],
    success: 'Account reconciled.',
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
                      Statement closing balance on {formatDate(s.statementClosing.date, preferences.locale)}
                    </Table.Td>
                    <Table.Td className="amount" style={{ textAlign: 'right' }}>
                      {fmt(s.statementClosing.amount, account.currency)}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Td>Folio's balance on that date</Table.Td>
                    <Table.Td className="amount" style={{ textAlign: 'right' }}>
                      {fmt(s.folioBalance, account.currency)}
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Td fw={600}>Difference</Table.Td>
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
              <Text c="dimmed">
                The statements imported so far carry no closing balance (CSV files do not).
              </Text>
            )}
            <Text size="sm">
              {s.openLines === 0
                ? 'Every line is matched or categorised.'
                : `${s.openLines} line${s.openLines === 1 ? ' is' : 's are'} still to match.`}
              {s.reconciledTo ? ` Reconciled to ${formatDate(s.reconciledTo, preferences.locale)}.` : ''}
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
                  Mark reconciled to {formatDate(s.statementClosing.date, preferences.locale)}
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
  const rules = useApi('bank.rules.list', {});
  const remove = useApiMutation('bank.rules.delete', { invalidates: ['bank'], success: 'Rule deleted.' });
  return (
    <Loaded query={rules}>
      {(list) =>
        list.length === 0 ? (
          <Text c="dimmed">
            No rules yet. Each match you accept teaches Folio whose IBAN (or name) it was, for the next
            suggestions.
          </Text>
        ) : (
          <Paper withBorder>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When the line's</Table.Th>
                  <Table.Th>is</Table.Th>
                  <Table.Th>it is</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Used</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.kind === 'iban' ? 'IBAN' : 'name'}</Table.Td>
                    <Table.Td>{r.kind === 'iban' ? formatIban(r.pattern) : r.pattern}</Table.Td>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={r.partyKind === 'customer' ? `/customers/${r.partyId}` : `/vendors/${r.partyId}`}
                      >
                        {r.partyName}
                      </Anchor>{' '}
                      <Text span size="xs" c="dimmed">
                        ({r.partyKind})
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{r.uses}</Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Delete rule ${r.pattern}`}
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

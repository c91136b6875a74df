import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { DateField } from '../../components/DateField';
import { IconFlag, IconFlagFilled } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { CollectionRow } from '../../../../shared/api/reports';
import { addDays, localToday } from '../../../../shared/domain/dates';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { useMoneyFormat } from '../../components/Money';
import { MoneyInput } from '../../components/MoneyInput';
import { formatDate, formatDateTime } from '../../lib/format';
import { ReportFrame } from './ReportFrame';

const INVALIDATES = ['collections', 'reports', 'audit'];

/** Who owes money that is late, and what has been done about it. */
export function CollectionsReport() {
  const { preferences } = useSettings();
  const fmt = useMoneyFormat();
  const list = useApi('collections.list', {});
  const flag = useApiMutation('collections.setFlag', { invalidates: INVALIDATES });
  const [call, setCall] = useState<CollectionRow | null>(null);
  const [promise, setPromise] = useState<CollectionRow | null>(null);
  const rows = list.data ?? [];
  const c = preferences.baseCurrency;
  return (
    <ReportFrame
      title="Collections"
      description="Customers with overdue invoices, most owed first. Amounts in your base currency."
      csv={{ report: 'collections' }}
    >
      {rows.length === 0 ? (
        <Text>No customer is overdue.</Text>
      ) : (
        <Table withTableBorder aria-label="Overdue customers" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>
                <span className="visually-hidden">Flag</span>
              </Table.Th>
              <Table.Th>Customer</Table.Th>
              <Table.Th className="num">Overdue</Table.Th>
              <Table.Th className="num">Days late</Table.Th>
              <Table.Th>Last reminder</Table.Th>
              <Table.Th>Promise to pay</Table.Th>
              <Table.Th>Last note</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.customerId}>
                <Table.Td>
                  <Tooltip label={r.flagged ? 'In collections: click to clear' : 'Flag for collections'}>
                    <ActionIcon
                      variant="subtle"
                      color={r.flagged ? 'red' : 'gray'}
                      aria-label={
                        r.flagged ? `Clear collections flag for ${r.name}` : `Flag ${r.name} for collections`
                      }
                      aria-pressed={r.flagged}
                      onClick={() =>
                        flag.mutate(
                          { customerId: r.customerId, flagged: !r.flagged },
                          { onError: notifyError },
                        )
                      }
                    >
                      {r.flagged ? <IconFlagFilled size={16} /> : <IconFlag size={16} />}
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/customers/${r.customerId}`} size="sm">
                    {r.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {r.invoices} {r.invoices === 1 ? 'invoice' : 'invoices'}
                  </Text>
                </Table.Td>
                <Table.Td className="num" c="red.8" fw={600}>
                  {fmt(r.overdue, c)}
                </Table.Td>
                <Table.Td className="num">{r.daysOverdue}</Table.Td>
                <Table.Td>
                  {r.lastReminder ? (
                    `${formatDate(r.lastReminder.date, preferences.locale)} · ${r.lastReminder.level}`
                  ) : (
                    <Text size="sm" c="dimmed">
                      None
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {r.promise ? (
                    <Stack gap={0}>
                      <Text size="sm">
                        {formatDate(r.promise.date, preferences.locale)}
                        {r.promise.amount !== null && ` · ${fmt(r.promise.amount, c)}`}
                      </Text>
                      {r.promise.date < localToday() && (
                        <Badge color="red" size="xs" variant="light">
                          Broken
                        </Badge>
                      )}
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td maw={240}>
                  {r.lastNote ? (
                    <Text size="xs" lineClamp={2}>
                      {formatDateTime(r.lastNote.at, preferences.locale)}: {r.lastNote.text}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" className="no-print">
                    <Button size="compact-xs" variant="light" onClick={() => setCall(r)}>
                      Log call
                    </Button>
                    <Button size="compact-xs" variant="light" onClick={() => setPromise(r)}>
                      Record promise
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="light"
                      component={Link}
                      to="/outbox/reminders"
                      aria-label={`Send a reminder to ${r.name}`}
                    >
                      Send reminder{r.proposedReminders > 0 ? ` (${r.proposedReminders})` : ''}
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      component={Link}
                      to={`/invoices?customer=${r.customerId}&status=overdue`}
                    >
                      Invoices
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {call && <CallModal row={call} onClose={() => setCall(null)} />}
      {promise && <PromiseModal row={promise} onClose={() => setPromise(null)} />}
    </ReportFrame>
  );
}

function CallModal({ row, onClose }: { row: CollectionRow; onClose: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const log = useApiMutation('collections.logCall', { invalidates: INVALIDATES, success: 'Call logged.' });
  return (
    <Modal opened onClose={onClose} title={`Call with ${row.name}`}>
      <Stack>
        <Textarea
          label="What was said"
          autosize
          minRows={3}
          data-autofocus
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={error}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={log.isPending}
            onClick={() =>
              log.mutate(
                { customerId: row.customerId, text },
                { onSuccess: onClose, onError: (e) => setError(e.fields.text ?? e.message) },
              )
            }
          >
            Log call
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PromiseModal({ row, onClose }: { row: CollectionRow; onClose: () => void }) {
  const { preferences } = useSettings();
  const [date, setDate] = useState(addDays(localToday(), 7));
  const [amount, setAmount] = useState<number | null>(row.overdue);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const record = useApiMutation('collections.recordPromise', {
    invalidates: INVALIDATES,
    success: 'Promise recorded.',
  });
  return (
    <Modal opened onClose={onClose} title={`Promise to pay from ${row.name}`}>
      <Stack>
        <DateField
          label="Promised date"
          value={date}
          onChange={(d) => setDate(d ? String(d).slice(0, 10) : date)}
          error={errors.date}
        />
        <MoneyInput
          label={`Amount (${preferences.baseCurrency})`}
          currency={preferences.baseCurrency}
          value={amount}
          onChange={setAmount}
          error={errors.amount}
        />
        <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={record.isPending}
            onClick={() =>
              record.mutate(
                { customerId: row.customerId, date, amount, note },
                { onSuccess: onClose, onError: (e) => setErrors(e.fields) },
              )
            }
          >
            Record promise
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

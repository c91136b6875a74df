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
import { useTranslation } from 'react-i18next';

const INVALIDATES = ['collections', 'reports', 'audit'];

/** Who owes money that is late, and what has been done about it. */
export function CollectionsReport() {
  const { t } = useTranslation();
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
      title={t('reports.collections.title')}
      description={t('reports.collections.description')}
      csv={{ report: 'collections' }}
    >
      {rows.length === 0 ? (
        <Text>{t('reports.collections.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={980}>
          <Table withTableBorder aria-label={t('reports.collections.tableLabel')} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <span className="visually-hidden">{t('reports.collections.flag')}</span>
                </Table.Th>
                <Table.Th>{t('common.customer')}</Table.Th>
                <Table.Th className="num">{t('reports.collections.overdue')}</Table.Th>
                <Table.Th className="num">{t('reports.aging.daysLate')}</Table.Th>
                <Table.Th>{t('reports.collections.lastReminder')}</Table.Th>
                <Table.Th>{t('reports.collections.promise')}</Table.Th>
                <Table.Th>{t('reports.collections.lastNote')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.customerId}>
                  <Table.Td>
                    <Tooltip
                      label={
                        r.flagged ? t('reports.collections.flaggedTip') : t('reports.collections.flagTip')
                      }
                    >
                      <ActionIcon
                        variant="subtle"
                        color={r.flagged ? 'red' : 'gray'}
                        aria-label={
                          r.flagged
                            ? t('reports.collections.clearFlagLabel', { name: r.name })
                            : t('reports.collections.flagLabel', { name: r.name })
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
                      {t('reports.collections.invoices', { count: r.invoices })}
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
                        {t('common.none')}
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
                            {t('reports.collections.broken')}
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
                        {t('reports.collections.logCall')}
                      </Button>
                      <Button size="compact-xs" variant="light" onClick={() => setPromise(r)}>
                        {t('reports.collections.recordPromise')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="light"
                        component={Link}
                        to="/outbox/reminders"
                        aria-label={t('reports.collections.sendReminderLabel', { name: r.name })}
                      >
                        {r.proposedReminders > 0
                          ? t('reports.collections.sendReminders', { count: r.proposedReminders })
                          : t('reports.collections.sendReminder')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        component={Link}
                        to={`/invoices?customer=${r.customerId}&status=overdue`}
                      >
                        {t('reports.collections.invoicesLink')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {call && <CallModal row={call} onClose={() => setCall(null)} />}
      {promise && <PromiseModal row={promise} onClose={() => setPromise(null)} />}
    </ReportFrame>
  );
}

function CallModal({ row, onClose }: { row: CollectionRow; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const log = useApiMutation('collections.logCall', {
    invalidates: INVALIDATES,
    success: t('reports.collections.callLogged'),
  });
  return (
    <Modal opened onClose={onClose} title={t('reports.collections.callTitle', { name: row.name })}>
      <Stack>
        <Textarea
          label={t('reports.collections.whatWasSaid')}
          autosize
          minRows={3}
          data-autofocus
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={error}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
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
            {t('reports.collections.logCall')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PromiseModal({ row, onClose }: { row: CollectionRow; onClose: () => void }) {
  const { t } = useTranslation();
  const { preferences } = useSettings();
  const [date, setDate] = useState(addDays(localToday(), 7));
  const [amount, setAmount] = useState<number | null>(row.overdue);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const record = useApiMutation('collections.recordPromise', {
    invalidates: INVALIDATES,
    success: t('reports.collections.promiseRecorded'),
  });
  return (
    <Modal opened onClose={onClose} title={t('reports.collections.promiseTitle', { name: row.name })}>
      <Stack>
        <DateField
          label={t('reports.collections.promisedDate')}
          value={date}
          onChange={(d) => setDate(d ? String(d).slice(0, 10) : date)}
          error={errors.date}
        />
        <MoneyInput
          label={t('reports.collections.amount', { currency: preferences.baseCurrency })}
          currency={preferences.baseCurrency}
          value={amount}
          onChange={setAmount}
          error={errors.amount}
        />
        <TextInput
          label={t('reports.collections.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
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
            {t('reports.collections.recordPromise')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconFileZip } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { notifications } from '@mantine/notifications';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { formatDate, formatMoney } from '../../lib/format';
import { OutboxTable } from './OutboxTable';
import { BulkExportDialog } from './BulkExport';

const MAIL_DOMAINS = ['mail', 'outbox', 'invoiceReminders', 'documents'];

/** Overdue invoices proposed for a reminder: nothing goes out until someone approves it. */
function ReminderQueue() {
  const { t } = useTranslation();
  const settings = useSettings();
  const locale = settings.preferences.locale;
  const list = useApi('invoiceReminders.list', { status: 'proposed' });
  const refresh = useApiMutation('invoiceReminders.refresh', { invalidates: ['invoiceReminders'] });
  const approve = useApiMutation('invoiceReminders.approve', { invalidates: MAIL_DOMAINS });
  const dismiss = useApiMutation('invoiceReminders.dismiss', { invalidates: MAIL_DOMAINS });
  const byCustomer = useApiMutation('invoiceReminders.approveByCustomer', { invalidates: MAIL_DOMAINS });
  const [selected, setSelected] = useState<number[]>([]);
  const rows = list.data ?? [];
  const chosen = selected.filter((id) => rows.some((r) => r.id === id));

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('outbox.reminders.hint')}
        </Text>
        <Button
          variant="default"
          size="xs"
          onClick={() => refresh.mutate({}, { onError: notifyError })}
          loading={refresh.isPending}
        >
          {t('outbox.reminders.check')}
        </Button>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm">{t('outbox.reminders.empty')}</Text>
      ) : (
        <>
          <Table withTableBorder aria-label={t('outbox.reminders.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>
                  <Checkbox
                    aria-label={t('outbox.reminders.selectAll')}
                    checked={chosen.length === rows.length}
                    indeterminate={chosen.length > 0 && chosen.length < rows.length}
                    onChange={(e) => setSelected(e.currentTarget.checked ? rows.map((r) => r.id) : [])}
                  />
                </Table.Th>
                <Table.Th>{t('payments.record.invoice')}</Table.Th>
                <Table.Th>{t('common.customer')}</Table.Th>
                <Table.Th>{t('common.email')}</Table.Th>
                <Table.Th>{t('documents.list.due')}</Table.Th>
                {/* Headings of figures may wrap (".num" keeps figures on one line), so every
                    column, the reminder level included, fits a 1024 px window in every language. */}
                <Table.Th className="num" style={{ whiteSpace: 'normal' }}>
                  {t('outbox.reminders.daysOverdue')}
                </Table.Th>
                <Table.Th className="num" style={{ whiteSpace: 'normal' }}>
                  {t('outbox.reminders.amountDue')}
                </Table.Th>
                <Table.Th>{t('outbox.reminders.level')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('outbox.reminders.select', { number: r.number })}
                      checked={chosen.includes(r.id)}
                      onChange={(e) =>
                        setSelected((s) =>
                          e.currentTarget.checked ? [...s, r.id] : s.filter((x) => x !== r.id),
                        )
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/invoices/${r.documentId}`}>
                      {r.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.customerName}</Table.Td>
                  {/* An address may break anywhere, so a long one never pushes the level out. */}
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {r.email || (
                      <Text c="red" size="sm">
                        {t('outbox.reminders.noEmail')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDate(r.dueDate, locale)}</Table.Td>
                  <Table.Td className="num">{r.daysOverdue}</Table.Td>
                  <Table.Td className="num">{formatMoney(r.balance, r.currency, locale)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={r.level === 3 ? 'red' : r.level === 2 ? 'orange' : 'blue'}>
                      {r.levelName}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="flex-end">
            <Button
              variant="subtle"
              color="gray"
              disabled={!chosen.length}
              onClick={() =>
                dismiss.mutate({ ids: chosen }, { onSuccess: () => setSelected([]), onError: notifyError })
              }
            >
              {t('outbox.reminders.dismiss')}
            </Button>
            <Button
              variant="default"
              disabled={!chosen.length}
              loading={byCustomer.isPending}
              title={t('outbox.reminders.perCustomerHint')}
              onClick={() =>
                byCustomer.mutate(
                  { ids: chosen },
                  {
                    onSuccess: (r) => {
                      setSelected([]);
                      const letters = new Set(r.map((x) => x.outboxId)).size;
                      notifications.show({
                        color: 'green',
                        message: t('outbox.reminders.perCustomerDone', { count: letters }),
                      });
                    },
                    onError: notifyError,
                  },
                )
              }
            >
              {t('outbox.reminders.perCustomer')}
            </Button>
            <Button
              disabled={!chosen.length}
              loading={approve.isPending}
              onClick={() =>
                approve.mutate(
                  { ids: chosen },
                  {
                    onSuccess: (r) => {
                      setSelected([]);
                      const sent = r.filter((x) => x.status === 'sent').length;
                      notifications.show({
                        color: 'green',
                        message: t('outbox.reminders.approved', {
                          count: r.length,
                          sent,
                          queued: r.length - sent,
                        }),
                      });
                    },
                    onError: notifyError,
                  },
                )
              }
            >
              {t('outbox.reminders.approve', { count: chosen.length })}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

function MessageList({ status }: { status: 'pending' | 'sent' }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const list = useApi(
    'outbox.list',
    { status, limit: 200 },
    { refetchInterval: status === 'pending' ? 5000 : false },
  );
  const rows = list.data?.rows ?? [];
  if (!rows.length)
    return (
      <Text size="sm">
        {status === 'pending' ? t('outbox.list.emptyPending') : t('outbox.list.emptySent')}
      </Text>
    );
  return (
    <OutboxTable
      entries={rows}
      locale={settings.preferences.locale}
      label={status === 'pending' ? t('outbox.title') : t('outbox.list.sentMessages')}
    />
  );
}

/** Reminders to approve, the outbox (waiting or failed) and sent messages. */
const OUTBOX_TABS = ['reminders', 'pending', 'sent'];

export function OutboxPage() {
  const { t } = useTranslation();
  const { tab = 'reminders' } = useParams();
  const navigate = useNavigate();
  const counts = useApi('outbox.list', { status: 'pending', limit: 1 }, { refetchInterval: 5000 });
  const reminders = useApi('invoiceReminders.list', { status: 'proposed' });
  const [exporting, setExporting] = useState(false);
  const failed = counts.data?.counts.failed ?? 0;
  const queued = counts.data?.counts.queued ?? 0;
  if (!OUTBOX_TABS.includes(tab)) return <NotFoundPage />;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('outbox.title')}
        </Title>
        <Button
          variant="default"
          leftSection={<IconFileZip size={16} aria-hidden />}
          onClick={() => setExporting(true)}
        >
          {t('outbox.export.button')}
        </Button>
      </Group>
      {failed > 0 && <Alert color="red">{t('outbox.failed', { count: failed })}</Alert>}
      <Tabs value={tab} onChange={(v) => v && void navigate(`/outbox/${v}`)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="reminders">
            {t('outbox.tabs.reminders', { count: reminders.data?.length ?? 0 })}
          </Tabs.Tab>
          <Tabs.Tab value="pending">{t('outbox.tabs.pending', { count: queued + failed })}</Tabs.Tab>
          <Tabs.Tab value="sent">{t('outbox.tabs.sent')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="reminders" pt="md">
          <ReminderQueue />
        </Tabs.Panel>
        <Tabs.Panel value="pending" pt="md">
          <MessageList status="pending" />
        </Tabs.Panel>
        <Tabs.Panel value="sent" pt="md">
          <MessageList status="sent" />
        </Tabs.Panel>
      </Tabs>
      <BulkExportDialog opened={exporting} onClose={() => setExporting(false)} />
    </Stack>
  );
}

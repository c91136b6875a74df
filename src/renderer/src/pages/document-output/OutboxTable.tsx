import { Anchor, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OutboxEntry } from '../../../../shared/api/mail';
import { notifyError, useApiMutation } from '../../api/hooks';
import { formatDateTime } from '../../lib/format';
import { OutboxStatus } from './OutboxStatus';

const MAIL_DOMAINS = ['mail', 'outbox', 'invoiceReminders', 'documents'];
const PATHS: Record<string, string> = {
  invoice: '/invoices',
  reminder: '/invoices',
  quote: '/quotes',
  credit_note: '/credit-notes',
};

/** Messages with their status; waiting and failed ones can be retried or cancelled. */
export function OutboxTable({
  entries,
  locale,
  label,
  showAbout = true,
}: {
  entries: OutboxEntry[];
  locale: string;
  label: string;
  showAbout?: boolean;
}) {
  const { t } = useTranslation();
  const retry = useApiMutation('outbox.retry', { invalidates: MAIL_DOMAINS });
  const cancel = useApiMutation('outbox.cancel', { invalidates: MAIL_DOMAINS });
  return (
    <Table withTableBorder aria-label={label} verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('outbox.table.when')}</Table.Th>
          {showAbout && <Table.Th>{t('outbox.table.about')}</Table.Th>}
          <Table.Th>{t('outbox.send.to')}</Table.Th>
          <Table.Th>{t('outbox.send.subject')}</Table.Th>
          <Table.Th w={100}>{t('common.status')}</Table.Th>
          <Table.Th>
            <span className="visually-hidden">{t('common.actions')}</span>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(e.sentAt ?? e.createdAt, locale)}
            </Table.Td>
            {showAbout && (
              <Table.Td>
                {e.documentId ? (
                  <Anchor component={Link} to={`${PATHS[e.kind] ?? '/invoices'}/${e.documentId}`} size="sm">
                    {e.about}
                  </Anchor>
                ) : e.customerId && e.kind === 'statement' ? (
                  <Anchor component={Link} to={`/customers/${e.customerId}`} size="sm">
                    {e.about}
                  </Anchor>
                ) : (
                  e.about
                )}
              </Table.Td>
            )}
            <Table.Td>{[...e.to, ...e.cc].join(', ')}</Table.Td>
            <Table.Td>
              <Text size="sm">{e.subject}</Text>
              {e.status === 'sent' && (
                <Text size="xs" c="dimmed">
                  {t('outbox.table.messageId', { id: e.messageId })}
                </Text>
              )}
              {e.lastError && e.status !== 'sent' && (
                <Text size="xs" c={e.status === 'failed' ? 'red' : 'dimmed'}>
                  {e.lastError}
                  {e.status === 'queued' && e.nextAttemptAt
                    ? ` ${t('outbox.table.nextTry', {
                        date: formatDateTime(e.nextAttemptAt, locale),
                        attempt: e.attempts + 1,
                      })}`
                    : ''}
                </Text>
              )}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <OutboxStatus status={e.status} />
            </Table.Td>
            <Table.Td>
              {(e.status === 'queued' || e.status === 'failed') && (
                <Group gap={4} wrap="nowrap">
                  <Tooltip label={t('outbox.table.retryHint')}>
                    <Button
                      size="compact-xs"
                      variant="light"
                      aria-label={t('outbox.table.retryLabel', { subject: e.subject })}
                      loading={retry.isPending && retry.variables?.id === e.id}
                      onClick={() => retry.mutate({ id: e.id }, { onError: notifyError })}
                    >
                      {t('common.retry')}
                    </Button>
                  </Tooltip>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label={t('outbox.table.cancelLabel', { subject: e.subject })}
                    onClick={() => cancel.mutate({ id: e.id }, { onError: notifyError })}
                  >
                    {t('common.cancel')}
                  </Button>
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

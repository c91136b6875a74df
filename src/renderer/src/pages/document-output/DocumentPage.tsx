import { Alert, Badge, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { DOCUMENT_TYPE_LABELS } from '../../../../shared/domain/numbering';
import { STATUS_LABELS } from '../../../../shared/domain/status';
import { useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { formatDate, formatMoney } from '../../lib/format';
import { DocumentOutputPanel } from './DocumentOutput';

/**
 * A document's printing and email page: what it is, and Preview, Print, Download, Send, Open
 * in my mail app and its sent log. Reached from reminders and the outbox; the invoice, quote
 * and credit note pages mount the same panel.
 */
export function DocumentPage() {
  const id = Number(useParams().id);
  const settings = useSettings();
  const locale = settings.preferences.locale;
  const doc = useApi('documents.get', { id }, { enabled: Number.isInteger(id) && id > 0 });
  if (doc.isLoading) return <Loader aria-label="Loading the document" />;
  if (doc.error || !doc.data)
    return <Alert color="red">{doc.error?.message ?? 'That document was not found.'}</Alert>;
  const d = doc.data;
  const label = `${DOCUMENT_TYPE_LABELS[d.type]} ${d.number ?? '(draft)'}`;
  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {label}
        </Title>
        <Badge
          variant="light"
          size="lg"
          color={
            d.displayStatus === 'overdue'
              ? 'red'
              : d.status === 'paid'
                ? 'green'
                : d.status === 'draft'
                  ? 'gray'
                  : 'blue'
          }
        >
          {STATUS_LABELS[d.displayStatus]}
        </Badge>
      </Group>
      <SimpleGrid cols={4}>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            Customer
          </Text>
          <Text>{d.customerName}</Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            Issue date
          </Text>
          <Text>{formatDate(d.issueDate, locale)}</Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            Total
          </Text>
          <Text className="num" ta="left">
            {formatMoney(d.total, d.currency, locale)}
          </Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {d.type === 'invoice' ? 'Amount due' : 'Balance'}
          </Text>
          <Text className="num" ta="left" fw={600}>
            {formatMoney(d.balance, d.currency, locale)}
          </Text>
        </Stack>
      </SimpleGrid>
      {d.sentAt && (
        <Text size="sm" c="dimmed">
          Marked sent {formatDate(d.sentAt.slice(0, 10), locale)}.
        </Text>
      )}
      <DocumentOutputPanel documentId={d.id} label={label} />
    </Stack>
  );
}

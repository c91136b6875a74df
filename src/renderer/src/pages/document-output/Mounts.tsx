import { DateField } from '../../components/DateField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { IconFileText, IconReceipt } from '@tabler/icons-react';
import type { Document } from '../../../../shared/api/documents';
import { periodOrderMessage } from '../../../../shared/api/fields';
import { addDays } from '../../../../shared/domain/dates';
import { useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { formatDateTime } from '../../lib/format';
import { DocumentActions, SentLog } from './DocumentOutput';

/**
 * The pieces other pages mount: the PDF and email card of an invoice, quote or credit note,
 * its sent log, a customer's statement, a payment's receipt.
 */
export function DocumentOutputCard({ doc }: { doc: Document }) {
  const { t } = useTranslation();
  const { preferences } = useSettings();
  const label = t('documents.view.title', {
    type: doc.type,
    number: doc.number ?? t('documents.view.draftNumber'),
  });
  const history = useApi('mail.history', { documentId: doc.id });
  const last = history.data?.lastReminder;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t('outbox.card.title')}
        </Title>
        <DocumentActions printRef={{ kind: 'document', id: doc.id }} label={label} />
        {doc.sentAt && (
          <Text size="xs" c="dimmed">
            {t('outbox.card.sent', { date: formatDateTime(doc.sentAt, preferences.locale) })}
          </Text>
        )}
        {last && (
          <Text size="xs" c="dimmed">
            {t('outbox.card.lastReminder', {
              level: last.levelName,
              date: formatDateTime(last.sentAt, preferences.locale),
            })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

export function SentLogCard({ documentId }: { documentId: number }) {
  return (
    <Card withBorder>
      <SentLog documentId={documentId} />
    </Card>
  );
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A customer's statement of account for a period: preview, print, download or send. */
export function StatementButton({ customerId, customerName }: { customerId: number; customerName: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState(addDays(today(), -90));
  const [to, setTo] = useState(today());
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconFileText size={16} aria-hidden />}
        onClick={() => setOpen(true)}
      >
        {t('outbox.statement.button')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('outbox.statement.title', { name: customerName })}
        size="lg"
        centered
      >
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('outbox.statement.hint')}
          </Text>
          <Group grow>
            <DateField label={t('outbox.period.from')} value={from} onChange={(d) => setFrom(d ?? '')} />
            <DateField
              label={t('outbox.period.to')}
              value={to}
              onChange={(d) => setTo(d ?? '')}
              error={valid ? undefined : periodOrderMessage()}
            />
          </Group>
          {valid && (
            <DocumentActions
              printRef={{ kind: 'statement', customerId, from, to, currency: null }}
              label={t('outbox.statement.label', { name: customerName })}
            />
          )}
        </Stack>
      </Modal>
    </>
  );
}

/** A payment's receipt: preview, print, download or send. */
export function ReceiptButton({ paymentId, label }: { paymentId: number; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="compact-xs"
        variant="subtle"
        aria-label={t('outbox.receipt.title', { label })}
        leftSection={<IconReceipt size={14} aria-hidden />}
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
        }}
      >
        {t('outbox.receipt.button')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('outbox.receipt.title', { label })}
        size="lg"
        centered
        onClick={(e) => e.stopPropagation()}
      >
        <DocumentActions
          printRef={{ kind: 'receipt', paymentId }}
          label={t('outbox.receipt.label', { label })}
        />
      </Modal>
    </>
  );
}

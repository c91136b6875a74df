import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconEye, IconPrinter, IconSend } from '@tabler/icons-react';
import type { PrintRef } from '../../../../shared/api/printing';
import { call } from '../../api/client';
import { notifyError, useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { formatDateTime } from '../../lib/format';
import { PdfPreviewModal } from './PdfPreview';
import { SendDialog } from './SendDialog';
import { OutboxTable } from './OutboxTable';
import { downloadBase64 } from './files';
import { usePrint } from './usePrint';

/**
 * Preview, Print, Download PDF, Send and Open in my mail app, for any printable record:
 * an invoice, quote or credit note (by document id), a receipt, a statement.
 */
export function DocumentActions({
  printRef,
  label,
  sendLabel,
}: {
  printRef: PrintRef;
  /** "Invoice INV-2026-0042", for dialog titles. */
  label: string;
  sendLabel?: string;
}) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState(false);
  const [send, setSend] = useState(false);
  const print = usePrint();
  const download = async () => {
    try {
      const pdf = await call('printing.render', { ref: printRef });
      downloadBase64(pdf.fileName, pdf.dataBase64, 'application/pdf');
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <>
      <Group gap="xs">
        <Button
          variant="default"
          leftSection={<IconEye size={16} aria-hidden />}
          onClick={() => setPreview(true)}
        >
          {t('outbox.actions.preview')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconPrinter size={16} aria-hidden />}
          onClick={() => print(printRef)}
        >
          {t('common.print')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          onClick={() => void download()}
        >
          {t('outbox.actions.download')}
        </Button>
        <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => setSend(true)}>
          {sendLabel ?? t('common.send')}
        </Button>
      </Group>
      <PdfPreviewModal
        printRef={printRef}
        title={t('outbox.actions.previewTitle', { label })}
        opened={preview}
        onClose={() => setPreview(false)}
      />
      <SendDialog
        printRef={printRef}
        title={t('outbox.actions.sendTitle', { label })}
        opened={send}
        onClose={() => setSend(false)}
      />
    </>
  );
}

/** The emails about one document: sent (with time and message id), waiting and failed. */
export function SentLog({ documentId }: { documentId: number }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const locale = settings.preferences.locale;
  const history = useApi(
    'mail.history',
    { documentId },
    {
      refetchInterval: (q) =>
        q.state.data?.entries.some((e) => e.status === 'queued' || e.status === 'sending') ? 5000 : false,
    },
  );
  const entries = history.data?.entries ?? [];
  const last = history.data?.lastReminder;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t('outbox.log.title')}
        </Title>
        {last && (
          <Text size="sm" c="dimmed">
            {t('outbox.log.lastReminderSent', {
              level: last.levelName,
              date: formatDateTime(last.sentAt, locale),
            })}
          </Text>
        )}
      </Group>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('outbox.log.empty')}
        </Text>
      ) : (
        <OutboxTable entries={entries} locale={locale} label={t('outbox.log.title')} showAbout={false} />
      )}
    </Stack>
  );
}

/** Everything about a document's paper and email life, for the document's page. */
export function DocumentOutputPanel({ documentId, label }: { documentId: number; label: string }) {
  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <DocumentActions printRef={{ kind: 'document', id: documentId }} label={label} />
        <SentLog documentId={documentId} />
      </Stack>
    </Card>
  );
}

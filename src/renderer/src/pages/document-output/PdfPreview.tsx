import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Box, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import type { PrintRef } from '../../../../shared/api/printing';
import { useApi } from '../../api/hooks';
import { formatBytes } from '../../lib/format';
import { base64ToBlob, downloadBase64 } from './files';
import { usePrint } from './usePrint';

/**
 * The PDF exactly as it will be printed or sent, in the app's own PDF viewer (a blob: frame,
 * which the Content Security Policy allows for this and nothing else).
 */
export function PdfPreview({ printRef, height = 720 }: { printRef: PrintRef; height?: number }) {
  const { t } = useTranslation();
  const pdf = useApi('printing.render', { ref: printRef }, { staleTime: 0, gcTime: 0 });
  const url = useMemo(
    () => (pdf.data ? URL.createObjectURL(base64ToBlob(pdf.data.dataBase64, 'application/pdf')) : null),
    [pdf.data],
  );
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const print = usePrint();

  if (pdf.isLoading) return <Loader aria-label={t('outbox.pdf.rendering')} />;
  if (pdf.error)
    return (
      <Alert color="red" title={t('outbox.pdf.failed')}>
        {pdf.error.message}
      </Alert>
    );
  if (!pdf.data || !url) return null;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {pdf.data.fileName} · {t('outbox.pdf.pages', { count: pdf.data.pages })} ·{' '}
          {formatBytes(pdf.data.bytes)}
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPrinter size={16} aria-hidden />}
            onClick={() => print(printRef, pdf.data!.dataBase64)}
          >
            {t('common.print')}
          </Button>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconDownload size={16} aria-hidden />}
            onClick={() => downloadBase64(pdf.data!.fileName, pdf.data!.dataBase64, 'application/pdf')}
          >
            {t('outbox.actions.download')}
          </Button>
        </Group>
      </Group>
      <Box
        component="iframe"
        src={url}
        title={t('outbox.pdf.preview')}
        style={{
          width: '100%',
          height,
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 4,
        }}
      />
    </Stack>
  );
}

export function PdfPreviewModal({
  printRef,
  title,
  opened,
  onClose,
}: {
  printRef: PrintRef;
  title: string;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="xl" centered>
      {opened && <PdfPreview printRef={printRef} height={680} />}
    </Modal>
  );
}

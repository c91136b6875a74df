import { useTranslation } from 'react-i18next';
import { Alert, Button, Center, Group, Image, Loader, Modal, Text } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useApi } from '../../../api/hooks';

/**
 * Opens a stored attachment in the app: the file comes through the API as base64 and is
 * shown from a blob: URL (a PDF in a frame, an image as an image), with a download link.
 * Render it only while an attachment is open.
 */
export function AttachmentViewer({
  attachment,
  onClose,
}: {
  attachment: { sha256: string; fileName: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const file = useApi(
    'bills.getAttachment',
    { sha256: attachment.sha256 },
    { staleTime: Infinity, gcTime: 0 },
  );
  const url = useMemo(() => {
    if (!file.data) return null;
    const bytes = Uint8Array.from(atob(file.data.dataBase64), (c) => c.charCodeAt(0));
    return URL.createObjectURL(new Blob([bytes], { type: file.data.mimeType }));
  }, [file.data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);

  return (
    <Modal opened onClose={onClose} title={attachment.fileName} size="xl">
      {file.error ? (
        <Alert color="red" title={t('bills.attachment.cannotOpen')}>
          {file.error.message}
        </Alert>
      ) : !url || !file.data ? (
        <Center h={200}>
          <Loader aria-label={t('bills.attachment.opening')} />
        </Center>
      ) : file.data.mimeType === 'application/pdf' ? (
        <iframe title={attachment.fileName} src={url} style={{ width: '100%', height: '70vh', border: 0 }} />
      ) : file.data.mimeType === 'application/xml' ? (
        <Text size="sm">{t('bills.attachment.xml')}</Text>
      ) : (
        <Image src={url} alt={attachment.fileName} fit="contain" mah="70vh" />
      )}
      <Group justify="space-between" mt="sm">
        <Text size="xs" c="dimmed">
          {t('bills.attachment.stored')}
        </Text>
        {url && (
          <Button component="a" href={url} download={attachment.fileName} variant="light">
            {t('common.download')}
          </Button>
        )}
      </Group>
    </Modal>
  );
}

import { Button, FileButton, Group, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, useApi, useApiMutation } from '../api/hooks';
import { download } from '../lib/download';
import { readFileBase64 } from '../lib/forms';
import { formatBytes, formatDateTime } from '../lib/format';
import { base64ToBlob } from '../pages/document-output/files';

/**
 * "Save a backup to…" (one file with the books and the scanned bills) and "Restore from a
 * file…". The desktop app shows its own Save and Open dialogs; browser mode downloads and uploads.
 */
export function BackupFileActions({ locale, canSave }: { locale: string; canSave: boolean }) {
  const { t } = useTranslation();
  const info = useApi('system.info', {});
  const desktop = info.data?.mode === 'desktop';
  const save = useApiMutation('backups.saveToFile', { invalidates: ['backups'] });
  const restore = useApiMutation('backups.restoreFromFile', {
    invalidates: ['system', 'settings', 'backups'],
  });
  const [reading, setReading] = useState(false);

  const onSave = () =>
    save.mutate(
      {},
      {
        onError: notifyError,
        onSuccess: (r) => {
          if (!r.savedTo && !r.dataBase64) return; // the Save dialog was cancelled
          if (r.dataBase64) download(r.fileName, base64ToBlob(r.dataBase64, 'application/zip'));
          notifications.show({
            color: 'green',
            message: r.savedTo
              ? t('components.backupFile.savedTo', {
                  path: r.savedTo,
                  size: formatBytes(r.bytes),
                  count: r.attachments,
                })
              : t('components.backupFile.saved', { size: formatBytes(r.bytes), count: r.attachments }),
          });
        },
      },
    );

  const confirmThen = (run: () => void, fileName?: string) =>
    modals.openConfirmModal({
      title: t('components.backupFile.confirmTitle'),
      children: (
        <Text size="sm">
          {fileName
            ? t('components.backupFile.confirmTextNamed', { name: fileName })
            : t('components.backupFile.confirmText')}
        </Text>
      ),
      labels: { confirm: t('components.backups.restore'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: run,
    });

  const restoreDone = {
    onError: notifyError,
    onSuccess: (r: { restored: boolean; createdAt: string | null; attachments: number }) => {
      if (!r.restored) return;
      notifications.show({
        color: 'green',
        message: r.createdAt
          ? t('components.backupFile.restoredFrom', {
              date: formatDateTime(r.createdAt, locale),
              count: r.attachments,
            })
          : t('components.backupFile.restored', { count: r.attachments }),
      });
    },
  };

  const onPicked = (file: File | null) => {
    if (!file) return;
    confirmThen(() => {
      setReading(true);
      readFileBase64(file)
        .then((dataBase64) => restore.mutate({ dataBase64, fileName: file.name }, restoreDone))
        .catch(notifyError)
        .finally(() => setReading(false));
    }, file.name);
  };

  return (
    <Group gap="sm">
      {canSave && (
        <Button variant="default" onClick={onSave} loading={save.isPending}>
          {t('components.backupFile.save')}
        </Button>
      )}
      {desktop ? (
        <Button
          variant="default"
          loading={restore.isPending}
          onClick={() => confirmThen(() => restore.mutate({}, restoreDone))}
        >
          {t('components.backupFile.restore')}
        </Button>
      ) : (
        <FileButton onChange={onPicked} accept=".foliobackup,application/zip">
          {(props) => (
            <Button variant="default" loading={restore.isPending || reading} {...props}>
              {t('components.backupFile.restore')}
            </Button>
          )}
        </FileButton>
      )}
    </Group>
  );
}

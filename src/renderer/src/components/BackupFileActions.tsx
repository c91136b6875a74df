import { Button, FileButton, Group, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
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
            message: `Backup saved${r.savedTo ? ` to ${r.savedTo}` : ''}: ${formatBytes(r.bytes)}, with ${r.attachments} scanned bill${r.attachments === 1 ? '' : 's'}. Keep it somewhere other than this computer.`,
          });
        },
      },
    );

  const confirmThen = (run: () => void, fileName?: string) =>
    modals.openConfirmModal({
      title: 'Restore from a backup file?',
      children: (
        <Text size="sm">
          Folio checks {fileName ? `“${fileName}”` : 'the file'} first and changes nothing if it is not a
          sound Folio backup. Then it replaces all current data with the backup; a copy of the current data is
          kept first, as a “Before a restore” backup, so you can go back.
        </Text>
      ),
      labels: { confirm: 'Restore', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: run,
    });

  const restoreDone = {
    onError: notifyError,
    onSuccess: (r: { restored: boolean; createdAt: string | null; attachments: number }) => {
      if (!r.restored) return;
      notifications.show({
        color: 'green',
        message: `Restored the backup from ${r.createdAt ? formatDateTime(r.createdAt, locale) : 'the file'}, with ${r.attachments} scanned bill${r.attachments === 1 ? '' : 's'}.`,
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
          Save a backup to…
        </Button>
      )}
      {desktop ? (
        <Button
          variant="default"
          loading={restore.isPending}
          onClick={() => confirmThen(() => restore.mutate({}, restoreDone))}
        >
          Restore from a file…
        </Button>
      ) : (
        <FileButton onChange={onPicked} accept=".foliobackup,application/zip">
          {(props) => (
            <Button variant="default" loading={restore.isPending || reading} {...props}>
              Restore from a file…
            </Button>
          )}
        </FileButton>
      )}
    </Group>
  );
}

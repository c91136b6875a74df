import { Badge, Button, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import type { Backup } from '../../../shared/api/system';
import { notifyError, useApiMutation } from '../api/hooks';
import { formatBytes, formatDateTime } from '../lib/format';

const KIND_LABELS: Record<Backup['kind'], string> = {
  start: 'When Folio started',
  daily: 'Daily',
  manual: 'Back up now',
  'pre-migration': 'Before an update',
  'pre-restore': 'Before a restore',
};

/** The backups of the data folder, newest first, each restorable after a confirmation. */
export function BackupsTable({ backups, locale }: { backups: Backup[]; locale: string }) {
  const restore = useApiMutation('backups.restore', {
    invalidates: ['system', 'settings', 'backups'],
    success: (r) => `Restored the backup from ${formatDateTime(r.restored.createdAt, locale)}.`,
  });

  const confirmRestore = (b: Backup) =>
    modals.openConfirmModal({
      title: 'Restore this backup?',
      children: (
        <Text size="sm">
          Folio will replace all current data with the backup made {formatDateTime(b.createdAt, locale)}. A
          copy of the current data is kept first, as a “Before a restore” backup, so you can go back.
        </Text>
      ),
      labels: { confirm: 'Restore', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => restore.mutate({ name: b.name }, { onError: notifyError }),
    });

  if (backups.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No backups yet. Folio makes one every time it starts and once a day.
      </Text>
    );
  }
  return (
    <Table withTableBorder aria-label="Backups">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Made</Table.Th>
          <Table.Th>Why</Table.Th>
          <Table.Th>Contents</Table.Th>
          <Table.Th className="num">Size</Table.Th>
          <Table.Th>
            <span className="visually-hidden">Actions</span>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {backups.map((b) => (
          <Table.Tr key={b.name}>
            <Table.Td>{formatDateTime(b.createdAt, locale)}</Table.Td>
            <Table.Td>{KIND_LABELS[b.kind]}</Table.Td>
            <Table.Td>
              {b.hasData === true ? (
                <Badge variant="light" color="green">
                  Your books
                </Badge>
              ) : b.hasData === false ? (
                <Badge variant="light" color="gray">
                  Empty book
                </Badge>
              ) : (
                <Text size="sm" c="dimmed">
                  Not checked
                </Text>
              )}
            </Table.Td>
            <Table.Td className="num">{formatBytes(b.bytes)}</Table.Td>
            <Table.Td>
              <Button
                size="compact-sm"
                variant="light"
                onClick={() => confirmRestore(b)}
                loading={restore.isPending && restore.variables?.name === b.name}
                aria-label={`Restore backup from ${formatDateTime(b.createdAt, locale)}`}
              >
                Restore
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

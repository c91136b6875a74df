import { Badge, Button, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Backup } from '../../../shared/api/system';
import { notifyError, useApiMutation } from '../api/hooks';
import { formatBytes, formatDateTime } from '../lib/format';

const KIND_LABELS: Record<Backup['kind'], string> = {
  start: 'components.backups.kind.start',
  daily: 'components.backups.kind.daily',
  manual: 'components.backups.kind.manual',
  'pre-migration': 'components.backups.kind.preMigration',
  'pre-restore': 'components.backups.kind.preRestore',
};

/** The backups of the data folder, newest first, each restorable after a confirmation. */
export function BackupsTable({ backups, locale }: { backups: Backup[]; locale: string }) {
  const { t } = useTranslation();
  const restore = useApiMutation('backups.restore', {
    invalidates: ['system', 'settings', 'backups'],
    success: (r) => t('components.backups.restored', { date: formatDateTime(r.restored.createdAt, locale) }),
  });

  const confirmRestore = (b: Backup) =>
    modals.openConfirmModal({
      title: t('components.backups.confirmTitle'),
      children: (
        <Text size="sm">
          {t('components.backups.confirmText', { date: formatDateTime(b.createdAt, locale) })}
        </Text>
      ),
      labels: { confirm: t('components.backups.restore'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => restore.mutate({ name: b.name }, { onError: notifyError }),
    });

  return (
    <BackupList
      backups={backups}
      locale={locale}
      label={t('components.backups.label')}
      empty={t('components.backups.empty')}
      madeHeader={t('components.backups.made')}
      sizeHeader={t('components.backups.size')}
      columns={[
        { header: t('components.backups.why'), cell: (b) => t(KIND_LABELS[b.kind]) },
        { header: t('components.backups.contents'), cell: (b) => <Contents backup={b} /> },
      ]}
      action={(b) => (
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => confirmRestore(b)}
          loading={restore.isPending && restore.variables?.name === b.name}
          aria-label={t('components.backups.restoreFrom', {
            date: formatDateTime(b.createdAt, locale),
          })}
        >
          {t('components.backups.restore')}
        </Button>
      )}
    />
  );
}

/** Whether a local backup holds books with data, an empty book, or was not looked into. */
function Contents({ backup }: { backup: Backup }) {
  const { t } = useTranslation();
  if (backup.hasData === true)
    return (
      <Badge variant="light" color="green">
        {t('components.backups.yourBooks')}
      </Badge>
    );
  if (backup.hasData === false)
    return (
      <Badge variant="light" color="gray">
        {t('components.backups.emptyBook')}
      </Badge>
    );
  return (
    <Text size="sm" c="dimmed">
      {t('components.backups.notChecked')}
    </Text>
  );
}

/** A column of a backups table between the date and the size. */
export interface BackupColumn<B> {
  header: string;
  cell: (backup: B) => ReactNode;
}

/**
 * A table of backups, newest first as given: when each was made, the columns the kind of
 * backup has, its size and its action. Serves the data folder's backups (above) and the shared
 * books' server backups (SharedBackupsSection); says `empty` when there are none.
 */
export function BackupList<B extends { name: string; createdAt: string; bytes: number }>({
  backups,
  locale,
  label,
  empty,
  madeHeader,
  sizeHeader,
  columns,
  action,
  noWrapDate = false,
}: {
  backups: B[];
  locale: string;
  /** The table's accessible name. */
  label: string;
  empty: string;
  madeHeader: string;
  sizeHeader: string;
  columns: BackupColumn<B>[];
  action: (backup: B) => ReactNode;
  /** Keeps each date on one line. */
  noWrapDate?: boolean;
}) {
  const { t } = useTranslation();
  if (backups.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Table withTableBorder aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{madeHeader}</Table.Th>
          {columns.map((c) => (
            <Table.Th key={c.header}>{c.header}</Table.Th>
          ))}
          <Table.Th className="num">{sizeHeader}</Table.Th>
          <Table.Th>
            <span className="visually-hidden">{t('common.actions')}</span>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {backups.map((b) => (
          <Table.Tr key={b.name}>
            <Table.Td style={noWrapDate ? { whiteSpace: 'nowrap' } : undefined}>
              {formatDateTime(b.createdAt, locale)}
            </Table.Td>
            {columns.map((c) => (
              <Table.Td key={c.header}>{c.cell(b)}</Table.Td>
            ))}
            <Table.Td className="num">{formatBytes(b.bytes)}</Table.Td>
            <Table.Td>{action(b)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

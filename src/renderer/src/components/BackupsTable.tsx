import { Badge, Button, Table, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
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

  if (backups.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('components.backups.empty')}
      </Text>
    );
  }
  return (
    <Table withTableBorder aria-label={t('components.backups.label')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('components.backups.made')}</Table.Th>
          <Table.Th>{t('components.backups.why')}</Table.Th>
          <Table.Th>{t('components.backups.contents')}</Table.Th>
          <Table.Th className="num">{t('components.backups.size')}</Table.Th>
          <Table.Th>
            <span className="visually-hidden">{t('common.actions')}</span>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {backups.map((b) => (
          <Table.Tr key={b.name}>
            <Table.Td>{formatDateTime(b.createdAt, locale)}</Table.Td>
            <Table.Td>{t(KIND_LABELS[b.kind])}</Table.Td>
            <Table.Td>
              {b.hasData === true ? (
                <Badge variant="light" color="green">
                  {t('components.backups.yourBooks')}
                </Badge>
              ) : b.hasData === false ? (
                <Badge variant="light" color="gray">
                  {t('components.backups.emptyBook')}
                </Badge>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('components.backups.notChecked')}
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
                aria-label={t('components.backups.restoreFrom', {
                  date: formatDateTime(b.createdAt, locale),
                })}
              >
                {t('components.backups.restore')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

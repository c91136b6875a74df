import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import type { TFunction } from 'i18next';
import type { DocType } from '../../../../shared/api/documents';

/**
 * The one question before a document is issued, asked by "Issue" on its page and by "Save and
 * issue" in the editor alike: issuing gives the next number and locks it.
 */
export function confirmIssue(t: TFunction, type: DocType, onConfirm: () => void): void {
  modals.openConfirmModal({
    title: t('documents.issue.title', { type }),
    children: <Text size="sm">{t('documents.issue.body')}</Text>,
    labels: { confirm: t('documents.issue.confirm'), cancel: t('common.cancel') },
    onConfirm,
  });
}

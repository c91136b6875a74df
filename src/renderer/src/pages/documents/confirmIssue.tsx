import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';

/**
 * The one question before a document is issued, asked by "Issue" on its page and by "Save and
 * issue" in the editor alike: issuing gives the next number and locks it.
 */
export function confirmIssue(kind: string, onConfirm: () => void): void {
  modals.openConfirmModal({
    title: `Issue this ${kind.toLowerCase()}?`,
    children: (
      <Text size="sm">
        It gets the next number and is locked. To change it later you will create a credit note, so the
        history stays intact.
      </Text>
    ),
    labels: { confirm: 'Issue', cancel: 'Cancel' },
    onConfirm,
  });
}

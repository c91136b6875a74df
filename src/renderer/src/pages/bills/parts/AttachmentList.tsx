import { ActionIcon, Anchor, Group, Stack, Text } from '@mantine/core';
import { IconFileText, IconTrash } from '@tabler/icons-react';
import type { BillAttachment } from '../../../../../shared/api/payables';
import { formatBytes } from '../../../lib/format';

/** A bill's attached files: each opens in the viewer; in the form each can be removed. */
export function AttachmentList({
  attachments,
  onOpen,
  openLabel,
  onRemove,
  removeLabel,
  gap = 4,
}: {
  attachments: readonly BillAttachment[];
  onOpen: (a: BillAttachment) => void;
  /** The accessible name of a file's link, when it should say more than the file name. */
  openLabel?: (fileName: string) => string;
  onRemove?: (index: number) => void;
  removeLabel?: (fileName: string) => string;
  gap?: number;
}) {
  return (
    <Stack gap={gap}>
      {attachments.map((a, i) => (
        <Group key={a.sha256} gap="xs" wrap="nowrap">
          <IconFileText size={16} aria-hidden />
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => onOpen(a)}
            aria-label={openLabel?.(a.fileName)}
          >
            {a.fileName}
          </Anchor>
          <Text size="xs" c="dimmed">
            {formatBytes(a.bytes)}
          </Text>
          {onRemove && (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={removeLabel?.(a.fileName)}
              onClick={() => onRemove(i)}
            >
              <IconTrash size={14} />
            </ActionIcon>
          )}
        </Group>
      ))}
    </Stack>
  );
}

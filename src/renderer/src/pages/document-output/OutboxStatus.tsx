import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../../../../shared/api/mail';

const LABELS = {
  queued: { label: 'outbox.status.queued', color: 'yellow' },
  sending: { label: 'outbox.status.sending', color: 'blue' },
  sent: { label: 'outbox.status.sent', color: 'green' },
  failed: { label: 'outbox.status.failed', color: 'red' },
  cancelled: { label: 'outbox.status.cancelled', color: 'gray' },
} as const satisfies Record<OutboxEntry['status'], { label: string; color: string }>;

/** A message's status, as a word and a colour. */
export function OutboxStatus({ status }: { status: OutboxEntry['status'] }) {
  const { t } = useTranslation();
  const s = LABELS[status];
  return (
    <Badge color={s.color} variant="light" style={{ overflow: 'visible' }}>
      {t(s.label)}
    </Badge>
  );
}

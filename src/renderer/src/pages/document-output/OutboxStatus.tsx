import { Badge } from '@mantine/core';
import type { OutboxEntry } from '../../../../shared/api/mail';

const LABELS: Record<OutboxEntry['status'], { label: string; color: string }> = {
  queued: { label: 'Waiting', color: 'yellow' },
  sending: { label: 'Sending', color: 'blue' },
  sent: { label: 'Sent', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

/** A message's status, as a word and a colour. */
export function OutboxStatus({ status }: { status: OutboxEntry['status'] }) {
  const s = LABELS[status];
  return (
    <Badge color={s.color} variant="light" style={{ overflow: 'visible' }}>
      {s.label}
    </Badge>
  );
}

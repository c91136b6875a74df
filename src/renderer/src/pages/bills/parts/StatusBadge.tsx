import { Badge } from '@mantine/core';
import {
  BILL_STATUS_COLORS,
  BILL_STATUS_LABELS,
  type BillDisplayStatus,
} from '../../../../../shared/domain/bill-status';

/** Status with colour and a word: draft grey, awaiting blue, partially paid amber, paid green, overdue red, void struck through. */
export function StatusBadge({ status }: { status: BillDisplayStatus }) {
  return (
    <Badge
      color={BILL_STATUS_COLORS[status]}
      variant={status === 'draft' || status === 'void' ? 'outline' : 'light'}
      className={status === 'void' ? 'void' : undefined}
      radius="sm"
      style={{ textTransform: 'none' }}
    >
      {BILL_STATUS_LABELS[status]}
    </Badge>
  );
}

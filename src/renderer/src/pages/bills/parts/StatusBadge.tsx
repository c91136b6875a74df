import { useTranslation } from 'react-i18next';
import { Badge } from '@mantine/core';
import { BILL_STATUS_COLORS, type BillDisplayStatus } from '../../../../../shared/domain/bill-status';
import { BILL_STATUS } from './labels';

/** Status with colour and a word: draft grey, awaiting blue, partially paid amber, paid green, overdue red, void struck through. */
export function StatusBadge({ status }: { status: BillDisplayStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={BILL_STATUS_COLORS[status]}
      variant={status === 'draft' || status === 'void' ? 'outline' : 'light'}
      className={status === 'void' ? 'void' : undefined}
      radius="sm"
      style={{ textTransform: 'none' }}
    >
      {t(BILL_STATUS[status])}
    </Badge>
  );
}

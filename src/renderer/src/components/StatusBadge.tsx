import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DisplayStatus } from '../../../shared/domain/status';
import { STATUS_KEYS } from '../../../shared/domain/status-keys';

/** Status in colour and in words (never colour alone), per the app's conventions. */
const COLORS: Record<DisplayStatus, string> = {
  draft: 'gray',
  issued: 'blue',
  sent: 'blue',
  partially_paid: 'yellow',
  paid: 'green',
  accepted: 'green',
  applied: 'green',
  overdue: 'red',
  expired: 'orange',
  declined: 'gray',
  void: 'gray',
};

export function StatusBadge({ status }: { status: DisplayStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLORS[status]}
      variant={status === 'void' ? 'outline' : 'light'}
      radius="sm"
      className={status === 'void' ? 'void' : undefined}
    >
      {t(STATUS_KEYS[status])}
    </Badge>
  );
}

import { Button, type ButtonProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { useMoneyFormat } from '../../components/Money';

/**
 * "Apply credit 24,55 €": spends the customer's credit from earlier overpayments on this
 * invoice (oldest payment first, at most its balance). Shown only when there is some.
 */
export function ApplyPaymentCredit({
  invoiceId,
  onApplied,
  ...props
}: ButtonProps & { invoiceId: number; onApplied?: () => void }) {
  const { t } = useTranslation();
  const fmt = useMoneyFormat();
  const credit = useApi('payments.creditFor', { invoiceId });
  const use = useApiMutation('payments.useCredit', {
    invalidates: ['payments', 'documents', 'customers'],
    success: (r) => t('payments.credit.applied', { amount: fmt(r.applied, credit.data?.currency ?? '') }),
  });
  if (!credit.data || credit.data.toApply <= 0) return null;
  return (
    <Button
      variant="light"
      {...props}
      loading={use.isPending}
      onClick={() => use.mutate({ invoiceId }, { onSuccess: () => onApplied?.(), onError: notifyError })}
    >
      {t('payments.credit.apply', { amount: fmt(credit.data.toApply, credit.data.currency) })}
    </Button>
  );
}

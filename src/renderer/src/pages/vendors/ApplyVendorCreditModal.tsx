import { Button, Center, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { BillAmountsTable, errorsByBill } from '../bills/parts/BillAmountsTable';
import { PAYABLES, useFormat } from '../bills/parts/format';

/** Every query applying or reversing a credit can change. */
export const CREDIT_QUERIES = [...PAYABLES, 'vendorCredits'];

/**
 * Applies a vendor credit to open bills of the same vendor and currency, each for all or part
 * of its balance, never more than the credit has left. With `billId`, that bill comes prefilled.
 */
export function ApplyVendorCreditModal({
  vendorCreditId,
  billId,
  onClose,
}: {
  vendorCreditId: number;
  billId?: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { money } = useFormat();
  const data = useApi('vendorCredits.get', { vendorCreditId });
  const [amounts, setAmounts] = useState<Record<number, number | null> | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const apply = useApiMutation('vendorCredits.apply', {
    invalidates: CREDIT_QUERIES,
    success: (v) => t('vendorCredits.apply.done', { count: v.applications.length }),
  });
  const credit = data.data?.credit;
  const bills = data.data?.openBills ?? [];
  // Prefilled once loaded: the chosen bill gets as much of the credit as it can take.
  const chosen = billId !== undefined ? bills.find((b) => b.id === billId) : undefined;
  const values =
    amounts ?? (credit && chosen ? { [chosen.id]: Math.min(chosen.balance, credit.remaining) } : {});
  const allocations = bills
    .filter((b) => (values[b.id] ?? 0) > 0)
    .map((b) => ({ billId: b.id, amount: values[b.id]! }));
  const total = allocations.reduce((s, a) => s + a.amount, 0);

  const fill = () => {
    if (!credit) return;
    let left = credit.remaining;
    const next: Record<number, number | null> = {};
    for (const b of bills) {
      const take = Math.min(left, b.balance);
      next[b.id] = take > 0 ? take : null;
      left -= take;
    }
    setAmounts(next);
  };

  const submit = () => {
    setErrors({});
    apply.mutate(
      { vendorCreditId, allocations },
      {
        onSuccess: onClose,
        onError: (e) => {
          if (!(e instanceof ApiError) || Object.keys(e.fields).length === 0) return notifyError(e);
          setErrors(errorsByBill(e.fields, allocations));
        },
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={credit ? t('vendorCredits.apply.title', { number: credit.number || `#${credit.id}` }) : ''}
      size="xl"
    >
      {!credit ? (
        <Center h={160}>
          <Loader aria-label={t('common.loading')} />
        </Center>
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            {t('vendorCredits.apply.intro', {
              vendor: credit.vendorName,
              remaining: money(credit.remaining, credit.currency),
              total: money(credit.total, credit.currency),
            })}
          </Text>
          {bills.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('vendorCredits.apply.noBills', { vendor: credit.vendorName, currency: credit.currency })}
            </Text>
          ) : (
            <BillAmountsTable
              label={t('vendorCredits.apply.billsLabel')}
              headers={{
                bill: t('vendorCredits.apply.bill'),
                due: t('common.dueDate'),
                balance: t('vendorCredits.apply.balance'),
                amount: t('vendorCredits.apply.amount'),
              }}
              rows={bills.map((b) => ({
                id: b.id,
                label: b.number || `#${b.id}`,
                dueDate: b.dueDate,
                balance: b.balance,
                currency: credit.currency,
              }))}
              values={values}
              onChange={(id, v) => setAmounts({ ...values, [id]: v })}
              amountLabel={(bill) => t('vendorCredits.apply.amountFor', { bill })}
              errors={errors}
            />
          )}
          {Object.entries(errors)
            .filter(([k]) => !/^\d+$/.test(k))
            .map(([k, m]) => (
              <Text key={k} c="red" size="sm">
                {m}
              </Text>
            ))}
          <Group justify="space-between">
            <Button variant="subtle" onClick={fill} disabled={bills.length === 0 || credit.remaining === 0}>
              {t('vendorCredits.apply.fill')}
            </Button>
            <Group gap="md">
              <Text fw={600} className="num" aria-label={t('vendorCredits.apply.totalLabel')}>
                {t('vendorCredits.apply.total', { amount: money(total, credit.currency) })}
              </Text>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button onClick={submit} loading={apply.isPending} disabled={allocations.length === 0}>
                {t('vendorCredits.apply.submit')}
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

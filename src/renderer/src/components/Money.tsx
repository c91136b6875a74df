import { Text, type TextProps } from '@mantine/core';
import { formatMoney } from '../../../shared/domain/money';
import { useSettings } from '../app/useSettings';

/** An amount in the business locale and its currency, right-aligned with tabular figures. */
export function Money({
  amount,
  currency,
  code,
  ...props
}: { amount: number; currency: string; code?: boolean } & TextProps) {
  const { preferences } = useSettings();
  return (
    <Text span className="amount" {...props}>
      {formatMoney(amount, currency, preferences.locale, { code })}
    </Text>
  );
}

export function useMoneyFormat() {
  const { preferences } = useSettings();
  return (amount: number, currency: string, code = false) =>
    formatMoney(amount, currency, preferences.locale, { code });
}

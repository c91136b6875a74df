import { useTranslation } from 'react-i18next';
import { TextInput, type TextInputProps } from '@mantine/core';
import { useSettings } from '../../../app/useSettings';

/**
 * The exchange rate of a bill or payment in another currency: what 1 unit of it is worth in
 * the base currency. Nothing is shown in the base currency.
 */
export function ExchangeRateField({ currency, ...props }: { currency: string } & TextInputProps) {
  const { preferences } = useSettings();
  const { t } = useTranslation();
  if (currency === preferences.baseCurrency) return null;
  return (
    <TextInput
      label={t('payables.rate.label', { currency, base: preferences.baseCurrency })}
      withAsterisk
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      classNames={{ input: 'num' }}
      {...props}
    />
  );
}

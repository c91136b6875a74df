import { useEffect } from 'react';
import { useApi } from '../../../api/hooks';

/** The part of a Mantine form that holds an `exchangeRate` text field. */
interface RateForm {
  isTouched: (path: 'exchangeRate') => boolean;
  setFieldValue: (path: 'exchangeRate', value: string) => void;
}

/**
 * Prefills a foreign-currency form's exchange rate with the vendor's last rate for that
 * currency, until the user types one. A saved record keeps its own rate unless its currency
 * is changed. Returns the suggested rate, if the vendor has one.
 */
export function useSuggestedRate(
  form: RateForm,
  {
    vendorId,
    currency,
    foreign,
    savedCurrency,
  }: {
    vendorId: number | null;
    currency: string;
    foreign: boolean;
    savedCurrency: string | undefined;
  },
): string | undefined {
  const lastRate = useApi(
    'bills.suggestRate',
    { vendorId: vendorId ?? 0, currency },
    { enabled: foreign && vendorId !== null },
  );
  const rate = lastRate.data?.rate ?? undefined;
  useEffect(() => {
    // eslint-disable-next-line i18next/no-literal-string -- a form field path
    if (rate && !form.isTouched('exchangeRate') && savedCurrency !== currency)
      form.setFieldValue('exchangeRate', rate);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when the suggestion for a currency arrives
  }, [rate, currency]);
  return rate;
}

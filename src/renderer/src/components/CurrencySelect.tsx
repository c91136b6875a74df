import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { CURRENCY_CODES } from '../../../shared/domain/currencies';
import { currencyName } from '../lib/format';

/** Searchable ISO 4217 list: type "eur", "euro" or "yen". */
export function CurrencySelect({ locale, ...props }: SelectProps & { locale: string }) {
  const data = useMemo(
    () => CURRENCY_CODES.map((code) => ({ value: code, label: `${code} — ${currencyName(code, locale)}` })),
    [locale],
  );
  return <Select searchable allowDeselect={false} data={data} maxDropdownHeight={280} {...props} />;
}

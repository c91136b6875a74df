import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApi } from '../api/hooks';

/**
 * Searchable customer picker: type two letters of a name, contact, email or tax number.
 * The first match is highlighted as you type, so Enter picks it. Leaving the field with a
 * name typed and nothing picked takes the customer if exactly one matches, and otherwise says
 * "No customer named …" instead of clearing what was typed without a word.
 */
export function CustomerSelect({
  value,
  onChange,
  includeArchived = false,
  error,
  onBlur,
  onKeyDown,
  ...props
}: Omit<SelectProps, 'value' | 'onChange' | 'data'> & {
  value: number | null;
  onChange: (id: number | null) => void;
  includeArchived?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 150);
  const [problem, setProblem] = useState<string | null>(null);
  const list = useApi(
    'customers.list',
    { search: debounced, includeArchived, limit: 30 },
    { placeholderData: keepPreviousData },
  );
  const current = useApi('customers.get', { id: value ?? 0 }, { enabled: value !== null });
  const options = (list.data?.rows ?? []).map((c) => ({ value: String(c.id), label: c.name }));
  if (value !== null && current.data && !options.some((o) => o.value === String(value)))
    options.unshift({ value: String(value), label: current.data.customer.name });
  const currentName = value !== null ? current.data?.customer.name : undefined;

  // The value as of now, for answers that arrive after the user picked an option meanwhile.
  const picked = useRef(value);
  useEffect(() => {
    picked.current = value;
  }, [value]);

  const settleTyped = async (typed: string) => {
    const text = typed.trim();
    if (!text || text === currentName) return;
    const before = picked.current;
    const found = await call('customers.list', { search: text, includeArchived, limit: 2 });
    if (picked.current !== before) return;
    const exact = found.rows.find((c) => c.name.toLowerCase() === text.toLowerCase());
    const only = found.rows.length === 1 ? found.rows[0] : undefined;
    const pick = exact ?? only;
    if (pick) {
      setProblem(null);
      onChange(pick.id);
    } else setProblem(t('components.customerSelect.noSuchCustomer', { name: text }));
  };

  return (
    <Select
      searchable
      clearable
      data={options}
      value={value === null ? null : String(value)}
      onChange={(v) => {
        setProblem(null);
        onChange(v ? Number(v) : null);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={
        debounced ? t('components.customerSelect.noMatch') : t('components.customerSelect.typeToSearch')
      }
      error={problem ?? error}
      onBlur={(e) => {
        void settleTyped(e.currentTarget.value);
        onBlur?.(e);
      }}
      onKeyDown={(e) => {
        // Enter with a name typed and no option highlighted: take the one customer it names.
        if (e.key === 'Enter' && !e.currentTarget.getAttribute('aria-activedescendant'))
          void settleTyped(e.currentTarget.value);
        onKeyDown?.(e);
      }}
      {...props}
    />
  );
}

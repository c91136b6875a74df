import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../api/hooks';

/** Searchable customer picker: type two letters of a name, contact, email or tax number. */
export function CustomerSelect({
  value,
  onChange,
  includeArchived = false,
  ...props
}: Omit<SelectProps, 'value' | 'onChange' | 'data'> & {
  value: number | null;
  onChange: (id: number | null) => void;
  includeArchived?: boolean;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 150);
  const list = useApi(
    'customers.list',
    { search: debounced, includeArchived, limit: 30 },
    { placeholderData: keepPreviousData },
  );
  const current = useApi('customers.get', { id: value ?? 0 }, { enabled: value !== null });
  const options = (list.data?.rows ?? []).map((c) => ({ value: String(c.id), label: c.name }));
  if (value !== null && current.data && !options.some((o) => o.value === String(value)))
    options.unshift({ value: String(value), label: current.data.customer.name });
  return (
    <Select
      searchable
      clearable
      data={options}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={debounced ? 'No customer matches' : 'Type to search'}
      {...props}
    />
  );
}

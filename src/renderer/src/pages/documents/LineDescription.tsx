import { Combobox, Group, Text, Textarea, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { Item } from '../../../../shared/api/catalog';
import { useApi } from '../../api/hooks';
import { useMoneyFormat } from '../../components/Money';

/**
 * A line's description, which is also where an item is picked: typing two letters lists
 * matching items; choosing one fills the line. Multi-line text stays possible.
 */
export function LineDescription({
  value,
  onChange,
  onPick,
  error,
  label,
  currency,
}: {
  value: string;
  onChange: (v: string) => void;
  onPick: (item: Item) => void;
  error?: string;
  label: string;
  currency: string;
}) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 120);
  const enabled = debounced.trim().length >= 2;
  const items = useApi('items.list', { search: debounced.trim(), limit: 8 }, { enabled });
  const fmt = useMoneyFormat();
  const options = enabled ? (items.data ?? []) : [];

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        const item = options.find((i) => String(i.id) === id);
        if (item) onPick(item);
        setQuery('');
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <Textarea
          aria-label={label}
          placeholder="Description, or type to find an item"
          autosize
          minRows={1}
          maxRows={6}
          value={value}
          error={error}
          onChange={(e) => {
            onChange(e.currentTarget.value);
            setQuery(e.currentTarget.value);
            combobox.openDropdown();
          }}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(e) => {
            // Enter picks a highlighted item; otherwise it is a new line in the text.
            if (e.key === 'Enter' && combobox.dropdownOpened && combobox.getSelectedOptionIndex() >= 0)
              return;
            if (e.key === 'Escape') combobox.closeDropdown();
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={options.length === 0}>
        <Combobox.Options>
          {options.map((item) => (
            <Combobox.Option value={String(item.id)} key={item.id}>
              <Group justify="space-between" wrap="nowrap">
                <div>
                  <Text size="sm">{item.name}</Text>
                  {item.description && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {item.description}
                    </Text>
                  )}
                </div>
                <Text size="sm" className="num">
                  {fmt(item.unitPrice, currency)}
                  {item.unit ? ` / ${item.unit}` : ''}
                </Text>
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

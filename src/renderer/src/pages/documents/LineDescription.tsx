import { Combobox, Group, Text, Textarea, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ClipboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Item } from '../../../../shared/api/catalog';
import { MAX_DESCRIPTION } from '../../../../shared/api/documents';
import { useApi } from '../../api/hooks';
import { useMoneyFormat } from '../../components/Money';
import { useFormat } from '../../lib/format';

/** Text cut to what a description may hold. */
export function capPaste(text: string): string {
  return text.length > MAX_DESCRIPTION ? text.slice(0, MAX_DESCRIPTION) : text;
}

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
  const { t } = useTranslation();
  const format = useFormat();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 120);
  const enabled = debounced.trim().length >= 2;
  const items = useApi('items.list', { search: debounced.trim(), limit: 8 }, { enabled });
  const fmt = useMoneyFormat();
  const [cut, setCut] = useState(false);
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
          placeholder={t('documents.lines.descriptionPlaceholder')}
          rows={1}
          // The browser sizes the field to its text (no measuring in script for every row).
          styles={{ input: { fieldSizing: 'content', maxHeight: '9.5em', minHeight: 36 } as never }}
          value={value}
          error={
            error ??
            (cut
              ? // What the field says when a paste was longer than a description may be.
                t('documents.lines.tooLong', { max: format.number(MAX_DESCRIPTION) })
              : undefined)
          }
          maxLength={MAX_DESCRIPTION}
          onPaste={(e: ClipboardEvent<HTMLTextAreaElement>) => {
            // A huge paste is cut to the limit here, at once, and the field says so; the
            // browser's maxLength alone would cut it silently.
            const pasted = e.clipboardData.getData('text');
            const el = e.currentTarget;
            const room = MAX_DESCRIPTION - (value.length - (el.selectionEnd - el.selectionStart));
            if (pasted.length <= room) return;
            e.preventDefault();
            const next =
              value.slice(0, el.selectionStart) +
              pasted.slice(0, Math.max(room, 0)) +
              value.slice(el.selectionEnd);
            setCut(true);
            onChange(next);
          }}
          onChange={(e) => {
            const next = e.currentTarget.value;
            if (cut && next.length < MAX_DESCRIPTION) setCut(false);
            onChange(next);
            // Searching items makes sense for a short text only.
            if (next.length <= 200) {
              setQuery(next);
              combobox.openDropdown();
            }
          }}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(e) => {
            // Enter picks a highlighted item; otherwise it is a new line in the text.
            if (e.key === 'Enter' && combobox.dropdownOpened && combobox.getSelectedOptionIndex() >= 0)
              return;
            // Enter with exactly one matching item (none highlighted) picks it.
            if (e.key === 'Enter' && !e.shiftKey && combobox.dropdownOpened && options.length === 1) {
              e.preventDefault();
              onPick(options[0]!);
              setQuery('');
              combobox.closeDropdown();
              return;
            }
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

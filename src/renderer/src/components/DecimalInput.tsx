import { TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decimalSeparatorOf } from '../../../shared/domain/money';
import { decimalForInput, parseDecimalInput } from '../../../shared/domain/number-input';
import { useSettings } from '../app/useSettings';

/**
 * A number field (quantity, percentage) typed the locale's way ("12,5" in German), read with
 * THE parse for typed numbers. Nothing is clamped or rounded behind the user's back: text
 * that is not a number, or is out of range, is named at the field as it is typed.
 */
export function DecimalInput({
  value,
  onChange,
  scale,
  min,
  max,
  unit = '',
  error,
  ...props
}: Omit<TextInputProps, 'value' | 'onChange' | 'min' | 'max'> & {
  /** A number, or '' while empty (optional only to take form.getInputProps as it is). */
  value?: number | string;
  onChange: (value: number | '') => void;
  /** Decimals allowed. */
  scale: number;
  min?: number;
  max?: number;
  /** Said after a limit in messages, e.g. "%". */
  unit?: string;
}) {
  const { t } = useTranslation();
  const sep = decimalSeparatorOf(useSettings().preferences.locale);
  const show = (v: number | string) => (v === '' ? '' : decimalForInput(String(v), sep));
  const [text, setText] = useState(() => show(value ?? ''));
  const [last, setLast] = useState(value);
  if (value !== undefined && value !== last) {
    // An outside change replaces the text; our own echo does not.
    setLast(value);
    const mine = parseDecimalInput(text, sep, scale);
    if (mine === null || Number(mine) !== Number(value)) setText(show(value));
  }
  const parsed = text.trim() === '' ? null : parseDecimalInput(text, sep, scale);
  const n = parsed === null ? null : Number(parsed);
  const fmt = (x: number) => `${decimalForInput(String(x), sep)}${unit ? ` ${unit}` : ''}`;
  const problem =
    text.trim() !== '' && parsed === null
      ? scale > 0
        ? t('components.number.invalidDecimals', { example: decimalForInput('2.5', sep), scale })
        : t('components.number.invalid', { example: decimalForInput('2', sep) })
      : n !== null && min !== undefined && n < min
        ? t('components.number.atLeast', { limit: fmt(min) })
        : n !== null && max !== undefined && n > max
          ? t('components.number.atMost', { limit: fmt(max) })
          : null;
  return (
    <TextInput
      inputMode="decimal"
      classNames={{ input: 'num' }}
      {...props}
      value={text}
      error={problem ?? error}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const p = next.trim() === '' ? null : parseDecimalInput(next, sep, scale);
        // Unreadable text is passed on as NaN, so a save cannot quietly use the old number.
        const v = next.trim() === '' ? '' : p === null ? Number.NaN : Number(p);
        setLast(v);
        onChange(v);
      }}
    />
  );
}

import { TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decimalSeparatorOf, minorToDecimalString, parseMoney } from '../../../shared/domain/money';
import { useSettings } from '../app/useSettings';

/** Text shown for an amount while editing: locale decimal separator, no grouping, no symbol. */
export function moneyText(minor: number | null, currency: string, locale: string): string {
  if (minor === null) return '';
  const text = minorToDecimalString(minor, currency);
  return decimalSeparatorOf(locale) === ',' ? text.replace('.', ',') : text;
}

/**
 * An amount field. Typing stays free-form; the value is parsed on every change into minor
 * units (null while it is not an amount), and a message says what is wrong.
 */
export function MoneyInput({
  value,
  onChange,
  currency,
  error,
  ...props
}: Omit<TextInputProps, 'value' | 'onChange'> & {
  value: number | null;
  onChange: (minor: number | null) => void;
  currency: string;
}) {
  const { t } = useTranslation();
  const { preferences } = useSettings();
  const [text, setText] = useState(() => moneyText(value, currency, preferences.locale));
  const [lastValue, setLastValue] = useState(value);
  // An outside change (a picked item's price) replaces the text; our own echo does not.
  if (value !== lastValue) {
    setLastValue(value);
    if (parseMoney(text, currency, decimalSeparatorOf(preferences.locale)) !== value)
      setText(moneyText(value, currency, preferences.locale));
  }
  const parsed =
    text.trim() === '' ? null : parseMoney(text, currency, decimalSeparatorOf(preferences.locale));
  const invalid = text.trim() !== '' && parsed === null;
  return (
    <TextInput
      inputMode="decimal"
      classNames={{ input: 'num' }}
      {...props}
      value={text}
      error={
        invalid
          ? t('components.money.invalid', {
              currency,
              example: moneyText(123450, currency, preferences.locale),
            })
          : error
      }
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const minor =
          next.trim() === '' ? null : parseMoney(next, currency, decimalSeparatorOf(preferences.locale));
        setLastValue(minor);
        onChange(minor);
      }}
    />
  );
}

import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useFormat, parseInputMoney, toInputText } from './format';

/**
 * An amount typed as the business locale writes it ("1,234.50" or "1.234,50"), held as
 * minor units of `currency`. Text that is not an amount keeps what was typed and says so.
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
  const { locale } = useFormat();
  const [text, setText] = useState(() => toInputText(value, currency, locale));
  const [invalid, setInvalid] = useState(false);
  const emitted = useRef<number | null>(value);

  // A value set from outside (a copied line, a new vendor's currency) replaces the text.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(toInputText(value, currency, locale));
      setInvalid(false);
    }
  }, [value, currency, locale]);

  return (
    <TextInput
      inputMode="decimal"
      autoComplete="off"
      styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
      {...props}
      value={text}
      error={
        error ??
        (invalid
          ? `Enter an amount in ${currency}, like ${toInputText(123450, currency, locale)}`
          : undefined)
      }
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const parsed = next.trim() === '' ? null : parseInputMoney(next, currency, locale);
        setInvalid(next.trim() !== '' && parsed === null);
        emitted.current = parsed;
        onChange(parsed);
      }}
      onBlur={(e) => {
        if (emitted.current !== null) setText(toInputText(emitted.current, currency, locale));
        props.onBlur?.(e);
      }}
    />
  );
}

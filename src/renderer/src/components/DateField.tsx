import { DateInput, type DateInputProps } from '@mantine/dates';
import { useState, type FocusEvent, type KeyboardEvent } from 'react';
import { datePatternOf, parseDateText } from '../../../shared/domain/dates';
import { useSettings } from '../app/useSettings';

/**
 * The one date field. Shows and accepts the business locale's short form (31.12.2026 in
 * de-DE, 12/31/2026 in en-US) and ISO (2026-12-31), with a calendar. A date that does not
 * exist is refused at the field ("There is no 30 February 2026 …"), never rolled over; while
 * the text is not a date the value is empty, so nothing is saved with a stale date. Enter in
 * the field takes the typed date; it does not submit the form.
 */
export function DateField({
  value,
  onChange,
  error,
  onBlur,
  onKeyDown,
  ...props
}: Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
  value?: string | null;
  onChange?: (iso: string | null) => void;
}) {
  const { preferences } = useSettings();
  const pattern = datePatternOf(preferences.locale);
  const [problem, setProblem] = useState<string | null>(null);

  const check = (text: string): boolean => {
    if (text.trim() === '') {
      setProblem(null);
      if (value) onChange?.(null);
      return true;
    }
    const r = parseDateText(text, preferences.locale);
    if (r.ok) {
      setProblem(null);
      if (r.date !== value) onChange?.(r.date);
      return true;
    }
    setProblem(r.message);
    if (value) onChange?.(null);
    return false;
  };

  return (
    <DateInput
      {...props}
      value={value || null}
      valueFormat={pattern.tokens}
      placeholder={props.placeholder ?? pattern.example}
      fixOnBlur={false}
      dateParser={(text) => {
        const r = parseDateText(text, preferences.locale);
        return r.ok ? r.date : null;
      }}
      onChange={(v) => {
        setProblem(null);
        onChange?.(v ? String(v).slice(0, 10) : null);
      }}
      onBlur={(e: FocusEvent<HTMLInputElement>) => {
        check(e.currentTarget.value);
        onBlur?.(e);
      }}
      onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
        // Enter takes the typed date (or says why it is not one); it never submits the form
        // around the field with a date the user has not seen taken.
        if (e.key === 'Enter') {
          e.preventDefault();
          check(e.currentTarget.value);
        }
        onKeyDown?.(e);
      }}
      error={problem ?? error}
    />
  );
}

import { TextInput, type TextInputProps } from '@mantine/core';

/** A calendar date (YYYY-MM-DD) with the browser's own date picker. */
export function DateField({
  value,
  onChange,
  ...props
}: Omit<TextInputProps, 'value' | 'onChange' | 'type'> & {
  value?: string;
  /** Takes the new date, or (spread from a form's getInputProps) the change event. */
  onChange: (iso: string) => void;
}) {
  return (
    <TextInput type="date" value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value)} {...props} />
  );
}

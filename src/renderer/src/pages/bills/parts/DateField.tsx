import type { DateInputProps } from '@mantine/dates';
import { DateField as LocaleDateField } from '../../../components/DateField';

/** A calendar date (YYYY-MM-DD, '' when empty) in the business locale's form: the app's one date field. */
export function DateField({
  value,
  onChange,
  ...props
}: Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
  value?: string;
  /** Takes the new date ('' when cleared). */
  onChange: (iso: string) => void;
}) {
  return <LocaleDateField value={value || null} onChange={(iso) => onChange(iso ?? '')} {...props} />;
}

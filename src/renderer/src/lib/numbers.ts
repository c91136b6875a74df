import { decimalSeparatorOf } from '../../../shared/domain/money';
import { useSettings } from '../app/useSettings';

/** The decimal separator numbers are typed with: the business locale's. */
export function useDecimalSeparator(): '.' | ',' {
  return decimalSeparatorOf(useSettings().preferences.locale);
}

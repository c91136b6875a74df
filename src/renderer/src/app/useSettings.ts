import type { Settings } from '../../../shared/api/settings';
import { useApi } from '../api/hooks';

/** The business settings, loaded by Boot before any page renders. */
export function useSettings(): Settings {
  const { data } = useApi('settings.get', {});
  if (!data) throw new Error('useSettings used before settings were loaded');
  return data;
}

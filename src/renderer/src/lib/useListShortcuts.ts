import { useHotkeys } from '@mantine/hooks';
import type { RefObject } from 'react';

/** The same keys on every list: N for new, / to search. Ignored while typing in a field. */
export function useListShortcuts(options: {
  onNew?: () => void;
  search?: RefObject<HTMLInputElement | null>;
}): void {
  useHotkeys([
    ['n', () => options.onNew?.()],
    [
      '/',
      (e) => {
        e.preventDefault();
        options.search?.current?.focus();
      },
    ],
  ]);
}

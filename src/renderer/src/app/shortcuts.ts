import { useHotkeys } from '@mantine/hooks';
import { useNavigate } from 'react-router';

/**
 * App-wide keys. Ctrl/Cmd+K (the palette) is handled by Spotlight itself; N and / are
 * per page (new and search on that page's list). Mantine ignores these while typing.
 */
export function useGlobalShortcuts(): void {
  const navigate = useNavigate();
  useHotkeys([
    ['mod+,', () => void navigate('/settings')],
    ['shift+?', () => void navigate('/help')],
  ]);
}

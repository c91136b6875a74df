import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/spotlight/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { ApiError } from './api/client';
import { i18n } from './lib/i18n';
import { ScreenLanguageDates } from './lib/dates-locale';
import { theme } from './theme';
import { Boot } from './app/Boot';

/**
 * The data file became unusable after the first screen (the background integrity check found
 * damage): every call answers DB_UNAVAILABLE. Ask for the health again, so Boot shows the
 * recovery screen.
 */
const onApiError = (error: unknown) => {
  if (error instanceof ApiError && error.code === 'DB_UNAVAILABLE')
    void queryClient.invalidateQueries({ queryKey: ['system', 'system.health'] });
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    // Local data: refetch after every change (see useApiMutation), never on a timer.
    queries: { staleTime: 30_000, retry: false, refetchOnWindowFocus: false },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="auto">
        <QueryClientProvider client={queryClient}>
          <ScreenLanguageDates>
            <ModalsProvider>
              <Notifications position="bottom-right" />
              <Boot />
            </ModalsProvider>
          </ScreenLanguageDates>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);

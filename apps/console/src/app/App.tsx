import { MantineProvider, createTheme } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { ApiProblem } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/hooks';
import { markSessionExpired } from '@/lib/api/session-state';
import { applyLanguage, i18n, initialLanguage } from '@/lib/i18n';
import { registerMessages } from './messages';
import { router } from './router';
import './app.css';

registerMessages();
void applyLanguage(initialLanguage());

const theme = createTheme({
  primaryColor: 'blue',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif',
  primaryShade: 8,
});

/** A 401 anywhere ends the session in the page: the layout then sends the user to sign-in, and back. */
function onApiError(error: unknown, key?: readonly unknown[]) {
  if (error instanceof ApiProblem && error.status === 401 && key?.[0] !== 'me') {
    if (queryClient.getQueryData(queryKeys.me)) markSessionExpired();
    queryClient.setQueryData(queryKeys.me, null);
  }
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onApiError(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => onApiError(error) }),
  defaultOptions: {
    queries: { retry: (count, error) => !(error instanceof ApiProblem && error.status > 0 && error.status < 500) && count < 2, refetchOnWindowFocus: true },
  },
});

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}

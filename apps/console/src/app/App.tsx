import { Alert, Badge, FileInput, Modal, MultiSelect, MantineProvider, Select, TableScrollContainer, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { useMemo } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ApiProblem } from '@/lib/api/client';
import { queryKeys } from '@/lib/api/hooks';
import { markSessionExpired } from '@/lib/api/session-state';
import { applyLanguage, i18n, initialLanguage } from '@/lib/i18n';
import { registerMessages } from './messages';
import { router } from './router';
import './app.css';

registerMessages();
void applyLanguage(initialLanguage());

/** Text contrast of at least 4.5:1 everywhere (WCAG AA): darker filled shades, dimmed text, and field errors. */
const resolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});

/** The theme, with the component library's icon-only buttons named in the user's language. */
function useTheme() {
  const { t, i18n } = useTranslation();
  return useMemo(
    () =>
      createTheme({
        primaryColor: 'blue',
        primaryShade: 9,
        fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif',
        components: {
          Badge: Badge.extend({ defaultProps: { tt: 'none', size: 'md' }, styles: { root: { maxWidth: 'none' }, label: { overflow: 'visible' } } }),
          Alert: Alert.extend({ defaultProps: { closeButtonLabel: t('close') }, styles: { title: { color: 'var(--mantine-color-black)' } } }),
          Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('close') } } }),
          Select: Select.extend({ defaultProps: { clearButtonProps: { 'aria-label': t('clear') } } }),
          MultiSelect: MultiSelect.extend({ defaultProps: { clearButtonProps: { 'aria-label': t('clear') } } }),
          FileInput: FileInput.extend({ defaultProps: { clearButtonProps: { 'aria-label': t('clear') } } }),
          // A table wider than its place scrolls sideways: its scroll region is reachable by keyboard, and named (WCAG 2.1.1).
          TableScrollContainer: TableScrollContainer.extend({ defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0, role: 'region', 'aria-label': t('tableScroll') } } } }),
        },
      }),
    [t, i18n.language],
  );
}

function Themed({ children }: { children: React.ReactNode }) {
  const theme = useTheme();
  return (
    <MantineProvider theme={theme} cssVariablesResolver={resolver}>
      {children}
    </MantineProvider>
  );
}

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
      <Themed>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </Themed>
    </I18nextProvider>
  );
}

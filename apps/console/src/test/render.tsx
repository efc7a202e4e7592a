import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { addMessages, i18n } from '@/lib/i18n';
import { requestsMessages } from '@/features/requests/i18n';
import { writerMessages } from '@/features/writer/i18n';

addMessages('requests', requestsMessages);
addMessages('writer', writerMessages);

/** Renders as the console does: i18n (a language), Mantine, the query cache, a router. */
export async function renderIn(ui: ReactElement, lang: 'en' | 'vi' = 'en') {
  await i18n.changeLanguage(lang);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider>
        <QueryClientProvider client={client}>
          <MemoryRouter>{ui}</MemoryRouter>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>,
  );
}

import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { addMessages, i18n } from '@/lib/i18n';
import { appMessages } from './i18n';
import { PageFailed } from './PageFailed';

addMessages('app', appMessages);

function Broken(): never {
  throw new TypeError("Cannot read properties of undefined (reading 'trim')");
}

async function renderFailing(lang: 'en' | 'vi') {
  await i18n.changeLanguage(lang);
  const router = createMemoryRouter([{ path: '/broken', errorElement: <PageFailed />, children: [{ index: true, element: <Broken /> }] }], { initialEntries: ['/broken'] });
  return render(
    <I18nextProvider i18n={i18n}>
      <MantineProvider>
        <RouterProvider router={router} />
      </MantineProvider>
    </I18nextProvider>,
  );
}

describe('a screen that fails', () => {
  it('says so in plain words, keeps the error for the administrator, and offers a reload and the start page', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await renderFailing('en');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This page stopped working. Nothing you saved is lost');
    expect(alert).toHaveTextContent("reading 'trim'");
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the start page' })).toHaveAttribute('href', '/');
    quiet.mockRestore();
  });

  it('speaks Vietnamese', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await renderFailing('vi');
    expect(await screen.findByRole('alert')).toHaveTextContent('Trang này đã ngừng hoạt động');
    expect(screen.getByRole('button', { name: 'Tải lại trang' })).toBeInTheDocument();
    quiet.mockRestore();
  });
});

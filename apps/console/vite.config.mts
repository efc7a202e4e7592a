/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The console: built into apps/console/dist, which the API serves at `/`. */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@': `${here}src`,
      // The server's pure rules, compiled in rather than copied (their imports of @mla/domain are types only).
      '@server/request-content': `${here}../../libs/requests/src/domain/request-content.ts`,
      '@server/request-completeness': `${here}../../libs/countries/src/domain/request-completeness.ts`,
      // The committed OpenAPI document, for tests that check the console against it.
      '@docs': `${here}../../docs`,
    },
  },
  build: {
    outDir: `${here}dist`,
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: [`${here}src/test/setup.ts`],
    css: false,
    pool: 'threads',
    maxWorkers: 1,
  },
});

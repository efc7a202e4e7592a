import 'reflect-metadata';
import { ConfigurationError, loadAppConfig } from '@mla/core';
import { DEMO_PASSWORD, demoSeedFor } from '@mla/identity';
import { API_PREFIX, createApi } from './bootstrap';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const app = await createApi({ config });
  await app.listen({ port: config.PORT, host: config.HOST });
  const base = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  const lines = [
    `MLA Hub console: ${base}/`,
    `MLA Hub API listening on ${base}/${API_PREFIX}`,
    `OpenAPI: ${base}/docs (JSON: ${base}/docs-json)`,
    `Health: ${base}/health/ready`,
  ];
  if (config.demoSeed) {
    lines.push(`Demo logins (password ${DEMO_PASSWORD}): ${demoSeedFor(config.nodeCountries).users.map((u) => u.email).join(', ')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (config.demoSeed && config.isProduction) {
    process.stderr.write(
      `WARN: DEMO_SEED=true in production: demo accounts with the published password "${DEMO_PASSWORD}" can sign in. Unset DEMO_SEED and deactivate them.\n`,
    );
  }
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigurationError ? error.message : `MLA Hub API failed to start: ${(error as Error)?.stack ?? String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});

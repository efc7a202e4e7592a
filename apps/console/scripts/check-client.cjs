// Fails when apps/console/src/lib/api/schema.d.ts is not what openapi-typescript makes of the
// committed docs/openapi.json (the console and the API must not drift apart). `--write` regenerates it.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..', '..', '..');
const committed = path.join(root, 'apps/console/src/lib/api/schema.d.ts');
const bin = path.join(root, 'node_modules/openapi-typescript/bin/cli.js');
const write = process.argv.includes('--write');
const out = write ? committed : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mla-client-')), 'schema.d.ts');
execFileSync(process.execPath, [bin, path.join(root, 'docs/openapi.json'), '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });
if (write) {
  console.log('wrote apps/console/src/lib/api/schema.d.ts');
} else if (!fs.existsSync(committed) || fs.readFileSync(committed, 'utf8') !== fs.readFileSync(out, 'utf8')) {
  console.error('apps/console/src/lib/api/schema.d.ts is stale: run `npm run console:client` and commit it');
  process.exit(1);
} else {
  console.log('console API client is up to date with docs/openapi.json');
}

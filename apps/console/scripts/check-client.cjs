// Fails when apps/console/src/lib/api/schema.d.ts (the types) or
// apps/console/src/lib/api/generated/api-values.ts (enums and the actions' inputs, used at run
// time) are not what docs/openapi.json makes of them (the console and the API must not drift
// apart). `--write` regenerates both.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { apiValues } = require('./api-values.cjs');

const root = path.join(__dirname, '..', '..', '..');
const committed = path.join(root, 'apps/console/src/lib/api/schema.d.ts');
const values = path.join(root, 'apps/console/src/lib/api/generated/api-values.ts');
const bin = path.join(root, 'node_modules/openapi-typescript/bin/cli.js');
const write = process.argv.includes('--write');
const out = write ? committed : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mla-client-')), 'schema.d.ts');
execFileSync(process.execPath, [bin, path.join(root, 'docs/openapi.json'), '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });
const valuesText = apiValues(JSON.parse(fs.readFileSync(path.join(root, 'docs/openapi.json'), 'utf8')));
const same = (file, text) => fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text;
if (write) {
  fs.mkdirSync(path.dirname(values), { recursive: true });
  fs.writeFileSync(values, valuesText);
  console.log('wrote apps/console/src/lib/api/schema.d.ts and apps/console/src/lib/api/generated/api-values.ts');
} else if (!same(committed, fs.readFileSync(out, 'utf8')) || !same(values, valuesText)) {
  console.error('apps/console/src/lib/api/schema.d.ts or generated/api-values.ts is stale: run `npm run console:client` and commit them');
  process.exit(1);
} else {
  console.log('console API client is up to date with docs/openapi.json');
}

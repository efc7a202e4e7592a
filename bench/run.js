// `npm run bench [name…]`: runs the benchmarks (all by default) one after another against
// the built service (`npm run build` first). Each prints one JSON line at its end.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const all = fs
  .readdirSync(__dirname, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'lib' && fs.existsSync(path.join(__dirname, d.name, 'index.js')))
  .map((d) => d.name);
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all;
let failed = 0;
for (const name of chosen) {
  if (!all.includes(name)) {
    console.error(`no benchmark ${name} (have: ${all.join(', ')})`);
    process.exit(2);
  }
  const result = spawnSync(process.execPath, [path.join(__dirname, name, 'index.js')], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);

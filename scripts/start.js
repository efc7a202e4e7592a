// `npm start`: the API and the worker side by side, for a single machine. Each runs as its
// own process (as in production); if one exits, the other is stopped and the exit code kept.
const { spawn } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const root = path.join(__dirname, '..');
const entrypoints = [
  ['api', 'dist/apps/api/src/main.js'],
  ['worker', 'dist/apps/worker/src/main.js'],
].filter(([, file]) => fs.existsSync(path.join(root, file)));

if (entrypoints.length === 0) {
  console.error('Nothing built: run `npm run build` first.');
  process.exit(1);
}

if (!process.env.NODE_ENV) {
  console.error('NODE_ENV is not set: set it to production, development or test (`bash scripts/run.sh` sets development).');
  process.exit(1);
}

const children = entrypoints.map(([name, file]) => {
  const child = spawn(process.execPath, [path.join(root, file)], { stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    console.error(`[start] ${name} exited (${signal ?? code}); stopping the others`);
    for (const other of children) if (other !== child && other.exitCode === null) other.kill('SIGTERM');
    process.exitCode = code ?? 1;
  });
  return child;
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => children.forEach((c) => c.exitCode === null && c.kill(signal)));
}

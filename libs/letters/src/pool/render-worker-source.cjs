/**
 * The render worker run from the TypeScript sources (tests, a development run without a
 * build): TypeScript files compiled on require with @swc/core and the repository's .swcrc.
 * A build runs render-worker.js itself.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const swcrc = JSON.parse(readFileSync(join(__dirname, '../../../../.swcrc'), 'utf8'));
delete swcrc.$schema;
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcrc, filename, sourceMaps: 'inline', swcrc: false });
  module._compile(code, filename);
};
module.exports = require('./render-worker.ts');

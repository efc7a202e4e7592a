/**
 * The import rules of MLA Hub (`npm run lint:deps`, part of the test command): apps import
 * libs, libs never import apps; a lib imports another only through its `@mla/*` alias and
 * only in the direction of the layers below (so no two libs import each other); no cycle
 * of files anywhere.
 */

/** What each lib may import of the other libs: one way, from the top of the list to the bottom. */
const LIB_LAYERS = {
  'working-calendars': ['core', 'domain', 'identity', 'audit', 'countries', 'deadlines', 'requests'],
  'deadline-worker': ['core', 'domain', 'deadlines', 'requests'],
  letters: ['domain'],
  countries: ['core', 'domain'],
  supervision: ['core', 'domain', 'identity', 'requests', 'deadlines'],
  notifications: ['core', 'identity', 'outbox'],
  requests: ['core', 'domain', 'identity', 'deadlines', 'outbox', 'storage', 'countries', 'letters'],
  storage: ['core'],
  deadlines: ['core', 'domain', 'countries'],
  identity: ['core', 'domain', 'audit', 'outbox'],
  audit: ['core', 'domain', 'outbox'],
  outbox: ['core'],
  core: [],
  domain: [],
};

module.exports = {
  forbidden: [
    {
      name: 'no-relative-import-across-libs',
      comment: 'A lib imports another lib through its @mla/* alias, never by a relative path.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: '^libs/$1/', dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'no-lib-imports-an-app',
      comment: 'Libs never import apps: apps compose libs.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    ...Object.entries(LIB_LAYERS).map(([lib, allowed]) => ({
      name: `layers-${lib}`,
      comment: `${lib} may import only ${allowed.length > 0 ? allowed.join(', ') : 'no other lib'} (one-way dependencies: no two libs import each other).`,
      severity: 'error',
      from: { path: `^libs/${lib}/` },
      to: { path: '^libs/([^/]+)/', pathNot: `^libs/(${[lib, ...allowed].join('|')})/` },
    })),
    {
      name: 'every-lib-has-layers',
      comment: 'A new lib is added to LIB_LAYERS in .dependency-cruiser.js, with what it may import.',
      severity: 'error',
      from: { path: `^libs/(?!(${Object.keys(LIB_LAYERS).join('|')})/)` },
      to: {},
    },
    {
      name: 'no-circular',
      comment: 'No cycle of imports between files.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

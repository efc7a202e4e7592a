/**
 * The import rules of MLA Hub (`npm run lint:deps`, part of the test command): apps import
 * libs, libs never import apps; a lib imports another only through its `@mla/*` alias and
 * only in the direction of the layers below (so no two libs import each other); no cycle
 * of files anywhere.
 */

/** What each lib may import of the other libs: one way, from the top of the list to the bottom. */
const LIB_LAYERS = {
  // federation between nodes (DESIGN §15, issue 20): node identity, peers, signed messages, the files that cross (storage)
  federation: ['core', 'domain', 'identity', 'audit', 'storage'],
  'working-calendars': ['core', 'domain', 'identity', 'audit', 'countries', 'deadlines', 'requests'],
  'deadline-worker': ['core', 'domain', 'deadlines', 'requests'],
  letters: ['domain'],
  // the sealing certificates: their secret store, admin endpoints and demo seed (issue 21)
  seals: ['core', 'domain', 'identity', 'audit', 'letters'],
  countries: ['core', 'domain'],
  supervision: ['core', 'domain', 'identity', 'requests', 'deadlines'],
  notifications: ['core', 'identity', 'outbox'],
  // federation: a request's transmissions (DESIGN §15), and its messages to peers written in its actions' transactions
  requests: ['core', 'domain', 'identity', 'deadlines', 'outbox', 'storage', 'countries', 'letters', 'seals', 'federation'],
  storage: ['core'],
  deadlines: ['core', 'domain', 'countries'],
  identity: ['core', 'domain', 'audit', 'outbox'],
  audit: ['core', 'domain', 'outbox'],
  outbox: ['core'],
  core: [],
  domain: [],
};

/**
 * Inside libs/requests: what each folder may import of the others, one way (so that no folder
 * imports one that imports it back). The files at its root are of two kinds: the low ones
 * (ROOT_LOW: the row, its repository, the presenter, the notification plan) import only
 * `domain` and `dto`; the rest (modules, controller, service, the rules' ports) compose them all.
 */
const REQUESTS = '^libs/requests/src/';
const REQUESTS_FOLDERS = {
  // the shared life with peer nodes (DESIGN §15): their messages applied, a proposed act's rejection recorded
  federation: ['commands', 'events', 'dto', 'domain'],
  // counterparts that are not on this node (DESIGN §14): the chaser
  counterparts: ['reading', 'events', 'letters', 'dto', 'domain'],
  attachments: ['commands', 'reading', 'evidence', 'files', 'http', 'dto', 'domain'],
  letters: ['commands', 'reading', 'files', 'http', 'dto', 'domain'],
  evidence: ['reading', 'files', 'http', 'dto', 'domain'],
  events: ['reading', 'http', 'dto', 'domain'],
  http: ['commands', 'dto', 'domain'],
  commands: ['events', 'stats-rollup', 'domain'],
  reading: ['access-log', 'domain'],
  'access-log': ['domain'],
  // the storage quotas reserved before an upload streams (h22-transfer); a document's upload, recorded by its command
  files: ['commands', 'domain'],
  dto: ['domain'],
  // the statistics' rollup each action keeps (h19-stats)
  'stats-rollup': ['domain'],
  domain: [],
};
const ROOT_LOW = ['request\\.row', 'requests\\.repository', 'request\\.presenter', 'notification-plan', 'visibility'];

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
    ...Object.entries(REQUESTS_FOLDERS).map(([folder, allowed]) => ({
      name: `requests-folder-${folder}`,
      comment: `libs/requests/src/${folder} may import only ${allowed.length > 0 ? allowed.join(', ') : 'no other folder'} of the requests lib's folders (and its low root files): no folder imports one that imports it back.`,
      severity: 'error',
      from: { path: `${REQUESTS}${folder}/` },
      to: {
        path: `${REQUESTS}`,
        pathNot: [`${REQUESTS}(${[folder, ...allowed].join('|')})/`, `${REQUESTS}(${ROOT_LOW.join('|')})\\.ts$`],
      },
    })),
    {
      name: 'requests-root-low',
      comment: "The requests lib's low root files (row, repository, presenter, notification plan) import only its domain and dto folders and each other.",
      severity: 'error',
      from: { path: `${REQUESTS}(${ROOT_LOW.join('|')})\\.ts$` },
      to: { path: `${REQUESTS}`, pathNot: [`${REQUESTS}(domain|dto)/`, `${REQUESTS}(${ROOT_LOW.join('|')})\\.ts$`] },
    },
    {
      name: 'requests-every-folder-has-layers',
      comment: 'A new folder of libs/requests/src is added to REQUESTS_FOLDERS in .dependency-cruiser.js, with what it may import.',
      severity: 'error',
      from: { path: `${REQUESTS}(?!(${Object.keys(REQUESTS_FOLDERS).join('|')})/)[^/]+/` },
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

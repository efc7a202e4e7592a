/** Two projects: fast unit tests of pure logic, and e2e tests over HTTP against the real
 * PostgreSQL and Redis (each test file on its own database cloned from a migrated template). */
const swc = ['@swc/jest', JSON.parse(require('fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'))];
// content-disposition 3 (under @fastify/static, for the OpenAPI UI) ships ESM only: let swc
// compile it to CommonJS, as Node itself loads it through require(esm).
// @scure/base and @noble/hashes (under otplib) are ESM only too.
// jose 6 (JWS, RFC 7638 thumbprints; federation) is ESM only too.
const transformIgnorePatterns = ['/node_modules/(?!(content-disposition|@scure|@noble|@otplib/plugin-crypto-noble/node_modules/@noble|jose)/)'];
const moduleNameMapper = {
  '^@mla/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
};
module.exports = {
  testTimeout: 30000,
  // A leaked handle must never hang CI; the suite's own teardown closes what it opens.
  forceExit: true,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
      transform: { '^.+\\.(t|j)s$': swc },
      transformIgnorePatterns,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform: { '^.+\\.(t|j)s$': swc },
      transformIgnorePatterns,
      moduleNameMapper,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};

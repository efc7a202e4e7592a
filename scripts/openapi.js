// Writes docs/openapi.json from the build (the swagger plugin's schemas exist only in the
// `nest build` output). `--check` compares instead and fails when the committed document
// is stale. Needs no database: the application graph is built in preview mode.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const target = path.join(root, 'docs', 'openapi.json');

async function generate() {
  process.env.LOG_LEVEL = 'silent';
  const { NestFactory } = require('@nestjs/core');
  const { FastifyAdapter } = require('@nestjs/platform-fastify');
  const { loadAppConfig } = require(path.join(root, 'dist/libs/core/src/config/app-config.js'));
  const { ApiModule } = require(path.join(root, 'dist/apps/api/src/app.module.js'));
  const { buildOpenApiDocument, API_PREFIX, prefixExclusions } = require(path.join(root, 'dist/apps/api/src/bootstrap.js'));
  const app = await NestFactory.create(ApiModule.forRoot({ config: loadAppConfig({ NODE_ENV: 'development' }) }), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: prefixExclusions });
  const document = buildOpenApiDocument(app);
  await app.close();
  return `${JSON.stringify(document, null, 2)}\n`;
}

generate()
  .then((text) => {
    if (process.argv.includes('--check')) {
      const committed = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
      if (committed !== text) {
        console.error('docs/openapi.json is stale: run `npm run build && npm run openapi` and commit it');
        process.exit(1);
      }
      console.log('docs/openapi.json is up to date');
    } else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
      console.log(`wrote ${path.relative(root, target)}`);
    }
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });

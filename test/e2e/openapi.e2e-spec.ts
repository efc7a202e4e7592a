import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The OpenAPI document comes from the `nest build` output (the swagger plugin does not run
 * under jest): it must match the committed docs/openapi.json and describe every DTO.
 */
describe('OpenAPI document (from the build)', () => {
  const root = join(__dirname, '..', '..');

  it('is built, and the committed document is up to date', () => {
    expect(existsSync(join(root, 'dist/apps/api/src/main.js'))).toBe(true); // run `npm run build` first (scripts/test.sh does)
    const out = execFileSync(process.execPath, [join(root, 'scripts/openapi.js'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(out).toMatch(/up to date/);
  });

  it('describes every endpoint of DESIGN §9 with real schemas', () => {
    const doc = JSON.parse(readFileSync(join(root, 'docs/openapi.json'), 'utf8'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/me',
        '/api/v1/authorities',
        '/api/v1/authorities/{id}',
        '/api/v1/users',
        '/api/v1/requests',
        '/api/v1/requests/{id}',
        '/api/v1/requests/{id}/transitions',
        '/api/v1/requests/{id}/events',
        '/api/v1/requests/{id}/events/verify',
        '/api/v1/requests/{id}/evidence',
        '/api/v1/requests/{id}/deadlines/{deadlineId}/extensions',
        '/health/live',
        '/health/ready',
      ]),
    );
    const schemas = doc.components.schemas as Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
    for (const [name, schema] of Object.entries(schemas)) {
      expect([name, Object.keys(schema.properties ?? {}).length > 0]).toEqual([name, true]);
    }
    expect(Object.keys(schemas.RequestDto?.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'reference', 'version', 'state', 'deadlines', 'allowedActions', 'identifiers', 'offence']),
    );
    expect(schemas.CreateRequestDto?.required).toEqual(expect.arrayContaining(['type', 'legalBasis', 'requestedAuthorityId']));
    expect(Object.keys(schemas.TransitionDto?.properties ?? {})).toEqual(
      expect.arrayContaining(['action', 'reason', 'preservedUntil', 'items', 'final', 'ground', 'text', 'followUpRequestId']),
    );
    const transition = doc.paths['/api/v1/requests/{id}/transitions'].post;
    expect(Object.keys(transition.responses)).toEqual(expect.arrayContaining(['200', '403', '404', '409', '412', '422']));
  });
});

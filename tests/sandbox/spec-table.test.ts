// The committed operation table must match the official spec it was generated from, and every
// X API route must be an operation of that table.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, without type declarations
import { buildOperationTable } from '../../scripts/generate-sandbox-operations.mjs';
import { Router } from '../../src/sandbox/http/router';
import { ROUTES } from '../../src/sandbox/routes/index';
import { OPERATIONS, SPEC_VERSION } from '../../src/sandbox/spec/operations';

const specPath = fileURLToPath(new URL('../../../shared/x-api/openapi.json', import.meta.url));

describe('the operation table', () => {
  it('is what scripts/generate-sandbox-operations.mjs makes from ../shared/x-api/openapi.json', () => {
    expect(existsSync(specPath), `the spec is expected at ${specPath} (shared/ beside the clone)`).toBe(true);
    const spec = JSON.parse(readFileSync(specPath, 'utf8')) as unknown;
    const table = (buildOperationTable as (spec: unknown) => { version: string; operations: unknown[] })(spec);
    expect(SPEC_VERSION).toBe(table.version);
    expect(OPERATIONS).toEqual(table.operations);
  });

  it('gives the filtered stream to app tokens only and posting to user tokens with tweet.write', () => {
    const byId = new Map(OPERATIONS.map((o) => [o.operationId, o]));
    expect(byId.get('streamPosts')).toMatchObject({ streaming: true, security: { app: true, user: null } });
    expect(byId.get('createPosts')).toMatchObject({ security: { app: false, user: ['tweet.read', 'tweet.write', 'users.read'] } });
  });

  it('backs every X API route with a spec operation at the spec\'s method and path', () => {
    const router = new Router(ROUTES);
    // X's OAuth 2.0 token and revoke endpoints are documented outside the OpenAPI file.
    const xRoutes = router.list().filter((route) => route.path.startsWith('/2/') && !route.path.startsWith('/2/oauth2/'));
    expect(xRoutes.length).toBeGreaterThan(10);
    for (const route of xRoutes) {
      expect(route.operation, `${route.method} ${route.path}`).not.toBeNull();
      expect(route.path.replace(/:(\w+)/g, '{$1}')).toBe(route.operation!.path);
      expect(route.method).toBe(route.operation!.method);
    }
  });
});

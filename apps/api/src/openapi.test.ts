import { afterAll, beforeAll, expect, test } from 'bun:test';
import { pgliteTarget } from '@flc/storage/testing';
import { createTestApi, type TestApi } from './testing/harness.ts';

interface Operation {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

let api: TestApi;
let paths: Record<string, Record<string, Operation>>;
beforeAll(async () => {
  api = await createTestApi(pgliteTarget);
  paths = (await api.call('GET', '/swagger/json')).body.paths;
}, 60_000); // cold starts (PGlite, argon2) can take seconds on CI
afterAll(() => api.close());

const operations = () =>
  Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
  );

test('the UI is served at /swagger', async () => {
  const ui = await api.call('GET', '/swagger');
  expect(ui.status).toBe(200);
  expect(String(ui.body)).toContain('<html');
});

test('every /v1 route documents a success response schema and its errors', () => {
  const v1 = operations().filter(({ route }) => route.includes(' /v1/'));
  expect(v1.length).toBeGreaterThan(20);
  for (const { route, op } of v1) {
    const codes = Object.keys(op.responses ?? {});
    const success = codes.find((c) => c.startsWith('2'));
    expect({ route, success: Boolean(success) }).toEqual({ route, success: true });
    if (success !== '204') {
      const schema = op.responses?.[success ?? '']?.content?.['application/json']?.schema;
      expect({ route, schema: Boolean(schema) }).toEqual({ route, schema: true });
    }
    expect({ route, errors: codes.some((c) => c.startsWith('4')) }).toEqual({
      route,
      errors: true,
    });
  }
});

/** Writes that are actions on the resource in their path and take no body. */
const bodiless = /\/(rotate|rotate-secret|reveal|test|retry|invite)$/;

test('every write with a body documents its request schema', () => {
  for (const { route, op } of operations()) {
    if (!/^(POST|PATCH|PUT) /.test(route) || bodiless.test(route)) continue;
    const schema = op.requestBody?.content?.['application/json']?.schema;
    expect({ route, schema: Boolean(schema) }).toEqual({ route, schema: true });
  }
});

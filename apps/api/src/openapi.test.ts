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

test('the UI is served at /swagger from this origin only, under a policy that keeps it so', async () => {
  const ui = await api.call('GET', '/swagger');
  expect(ui.status).toBe(200);
  const html = String(ui.body);
  expect(html).toContain('<html');
  // Every script is one of ours, by path; none inline, none from another host.
  const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attributes, inline] of scripts) {
    expect(attributes).toMatch(/src="\/swagger\/assets\/[\w.-]+"/);
    expect(inline?.trim()).toBe('');
  }
  expect(html).not.toMatch(/https?:\/\//);
  const csp = ui.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  for (const [, attributes] of scripts) {
    const src = /src="([^"]+)"/.exec(attributes ?? '')?.[1] ?? '';
    const asset = await api.call('GET', src);
    expect({ src, status: asset.status }).toEqual({ src, status: 200 });
    expect(asset.headers.get('content-type')).toContain('javascript');
  }
  expect((await api.call('GET', '/swagger/plugin-page')).status).toBe(404);
  expect((await api.call('GET', '/swagger/assets/../package.json')).status).toBe(404);
});

test('every /v1 route documents a success response schema and its errors', () => {
  const v1 = operations().filter(({ route }) => route.includes(' /v1/'));
  expect(v1.length).toBeGreaterThan(20);
  for (const { route, op } of v1) {
    const codes = Object.keys(op.responses ?? {});
    // A browser's step of a sign-in (SSO) answers with a redirect.
    const success = codes.find((c) => c.startsWith('2') || c === '302');
    expect({ route, success: Boolean(success) }).toEqual({ route, success: true });
    if (success !== '204' && success !== '302') {
      // JSON, an attachment's bytes, a page a visitor opens from a mail (unsubscribe), or a
      // report's CSV.
      const content = op.responses?.[success ?? '']?.content;
      const schema =
        content?.['application/json']?.schema ??
        content?.['application/octet-stream']?.schema ??
        content?.['text/html']?.schema ??
        content?.['text/csv']?.schema;
      expect({ route, schema: Boolean(schema) }).toEqual({ route, schema: true });
    }
    expect({ route, errors: codes.some((c) => c.startsWith('4')) }).toEqual({
      route,
      errors: true,
    });
  }
});

/**
 * Writes that are actions on the resource in their path and take no body (putting a label on:
 * the path names both; marking a mention read).
 */
const bodiless =
  /\/(rotate|rotate-secret|reveal|test|retry|invite|resume|me\/two-factor|operator\/two-factor|labels\/\{labelId\}|mentions\/[^/]+\/read)$/;
/** Attachment uploads: the one kind of body that is a form (one file), not JSON. */
const upload = /^POST \/v1\/(widget\/)?conversations\/\{id\}\/attachments$/;
/** The routes whose body is not JSON: a raw mail, a one-click unsubscribe, a rating page's form. */
const rawBodies: Record<string, string> = {
  'POST /v1/inbound-mail': 'application/octet-stream',
  'POST /v1/email/unsubscribe': 'application/x-www-form-urlencoded',
  'POST /v1/email/rating': 'application/x-www-form-urlencoded',
};
const bodyType = (route: string) =>
  rawBodies[route] ?? (upload.test(route) ? 'multipart/form-data' : 'application/json');

test('every write with a body documents its request schema', () => {
  for (const { route, op } of operations()) {
    if (!/^(POST|PATCH|PUT) /.test(route) || bodiless.test(route)) continue;
    const schema = op.requestBody?.content?.[bodyType(route)]?.schema;
    expect({ route, schema: Boolean(schema) }).toEqual({ route, schema: true });
  }
});

test('bodies are JSON only (but uploads and raw mail), and optional where the route takes none', () => {
  for (const { route, op } of operations()) {
    if (!op.requestBody) continue;
    const types = Object.keys(op.requestBody.content ?? {});
    expect({ route, types }).toEqual({ route, types: [bodyType(route)] });
  }
  const boot = paths['/v1/widget/boot']?.post as { requestBody?: { required?: boolean } };
  expect(boot.requestBody?.required).toBe(false);
  const signup = paths['/v1/auth/signup']?.post as { requestBody?: { required?: boolean } };
  expect(signup.requestBody?.required).toBe(true);
});

test('schemas are written as OpenAPI 3.0 reads them: no const, patternProperties or null type', async () => {
  const text = JSON.stringify((await api.call('GET', '/swagger/json')).body);
  expect(text).not.toContain('"const"');
  expect(text).not.toContain('"patternProperties"');
  expect(text).not.toContain('"type":"null"');
  const agent = paths['/v1/agents/{id}']?.get?.responses?.['200']?.content?.['application/json']
    ?.schema as { properties: Record<string, unknown> };
  expect(agent.properties.role).toEqual({ type: 'string', enum: ['owner', 'admin', 'agent'] });
  const patch = paths['/v1/environments/{id}']?.patch?.requestBody?.content?.['application/json']
    ?.schema as {
    properties: {
      widgetSettings: { properties: Record<string, unknown> };
      widgetLanguage: unknown;
    };
  };
  expect(patch.properties.widgetSettings.properties.position).toEqual({
    type: 'string',
    enum: ['left', 'right', null],
    nullable: true,
  });
  // The widget's languages as one enum, `auto` first: what clients and the console offer.
  expect(patch.properties.widgetLanguage).toMatchObject({
    type: 'string',
    enum: ['auto', 'en', 'ko', 'ja', 'zh-Hans', 'es', 'fr', 'de', 'ar'],
  });
});

import { afterAll, beforeAll, expect, test } from 'bun:test';
import { AdminApiError, createAdminClient, unwrap } from '@flc/admin';
import { pgliteTarget } from '@flc/storage/testing';
import {
  bootVisitor,
  type ChatTenant,
  chatTenant,
  openConversation,
  visitorSays,
} from '@flc/testkit';
import { createTestApi, type TestApi } from './testing/harness.ts';

// @fast-light-chat/admin (packages/admin) against this API in-process: the generated types
// describe what the API answers, with an API key and with an agent's token.
let api: TestApi;
let tenant: ChatTenant;
let conversationId: string;
beforeAll(async () => {
  api = await createTestApi(pgliteTarget);
  tenant = await chatTenant(api.rest, { name: 'Admin Client Co' });
  const visitor = await bootVisitor(api.rest, tenant);
  conversationId = (await openConversation(api.rest, visitor)).id;
  await visitorSays(api.rest, visitor, conversationId, 'Where is my order?');
}, 60_000);
afterAll(() => api.close());

const fetch = (request: Request) => api.handle(request);
const byKey = () =>
  createAdminClient({
    baseUrl: 'http://localhost',
    apiKey: tenant.key.key,
    apiSecret: tenant.key.secret,
    fetch,
  });

test('an API key lists its conversations and reads their messages', async () => {
  const admin = byKey();
  const { data, error } = await admin.GET('/v1/conversations', { params: { query: { limit: 5 } } });
  expect(error).toBeUndefined();
  expect(data?.items.map((c) => c.id)).toEqual([conversationId]);
  const page = await unwrap(
    admin.GET('/v1/conversations/{id}/messages', { params: { path: { id: conversationId } } }),
  );
  expect(page.items.map((m) => [m.seq, m.sender.type, m.body])).toEqual([
    [1, 'visitor', 'Where is my order?'],
  ]);
});

test('an API key sends as a bot; a repeated cid answers the first message', async () => {
  const admin = byKey();
  const send = () =>
    unwrap(
      admin.POST('/v1/conversations/{id}/messages', {
        params: { path: { id: conversationId } },
        body: { body: 'It ships today.', cid: 'crm-1' },
      }),
    );
  const first = await send();
  expect([first.seq, first.sender.type, first.body]).toEqual([2, 'bot', 'It ships today.']);
  expect((await send()).id).toBe(first.id);
});

test("an agent's token, also from a function asked on every request", async () => {
  let asked = 0;
  const admin = createAdminClient({
    baseUrl: 'http://localhost/',
    token: () => {
      asked += 1;
      return tenant.owner.accessToken;
    },
    fetch,
  });
  const conversation = await unwrap(
    admin.GET('/v1/conversations/{id}', { params: { path: { id: conversationId } } }),
  );
  expect([conversation.id, conversation.rating]).toEqual([conversationId, null]);
  expect(asked).toBe(1);
});

test('errors come typed: the API error body, and AdminApiError from unwrap', async () => {
  const admin = byKey();
  const missing = crypto.randomUUID();
  const { error, response } = await admin.GET('/v1/conversations/{id}', {
    params: { path: { id: missing } },
  });
  expect(response.status).toBe(404);
  expect(error?.error.code).toBe('not_found');
  const thrown = await unwrap(
    admin.GET('/v1/conversations/{id}', { params: { path: { id: missing } } }),
  ).catch((e: unknown) => e);
  expect(thrown).toBeInstanceOf(AdminApiError);
  const failure = thrown as AdminApiError;
  expect([failure.status, failure.code]).toEqual([404, 'not_found']);
  expect(failure.requestId).toMatch(/\S/);

  const wrongSecret = createAdminClient({
    baseUrl: 'http://localhost',
    apiKey: tenant.key.key,
    apiSecret: 'not-the-secret',
    fetch,
  });
  const denied = await unwrap(wrongSecret.GET('/v1/conversations')).catch((e: unknown) => e);
  expect((denied as AdminApiError).status).toBe(401);
});

test('a client without credentials, or with half an API key, is refused at creation', () => {
  expect(() => createAdminClient({ baseUrl: 'http://localhost' } as never)).toThrow(/token/);
  expect(() => createAdminClient({ baseUrl: 'http://localhost', apiKey: 'k' } as never)).toThrow(
    /apiSecret/,
  );
});

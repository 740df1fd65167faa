import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { configureLogs } from '@flc/log';
import { pgliteTarget } from '@flc/storage/testing';
import { bearer, bootVisitor, chatTenant, openConversation } from '@flc/testkit';
import { createTestApi, type TestApi } from '../testing/harness.ts';

// Every line the process logs while the suite runs, at debug: the access log and the append.
const lines: Record<string, unknown>[] = [];
const raw: string[] = [];
let api: TestApi;
beforeAll(async () => {
  configureLogs({
    role: 'api',
    level: 'debug',
    write: (line) => {
      raw.push(line);
      lines.push(JSON.parse(line));
    },
  });
  api = await createTestApi(pgliteTarget);
}, 60_000);
afterAll(async () => {
  await api.close();
  configureLogs({ role: 'api', level: 'warn' });
});

/** Answers go out before their access line: it is written a turn of the loop later. */
const settled = () => new Promise((resolve) => setImmediate(resolve));
const accessLines = (requestId: string) =>
  lines.filter((l) => l.msg === 'request' && l.requestId === requestId);
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('request ids', () => {
  test('a well-formed X-Request-Id is echoed, and named in the error body and the access line', async () => {
    const res = await api.call('GET', '/v1/no-such-route', {
      headers: { 'x-request-id': 'client-abc-1' },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('client-abc-1');
    expect(res.body.error).toMatchObject({ code: 'not_found', requestId: 'client-abc-1' });
    const ok = await api.call('GET', '/health', { headers: { 'x-request-id': 'client-abc-2' } });
    expect(ok.headers.get('x-request-id')).toBe('client-abc-2');
    await settled();
    expect(accessLines('client-abc-1')).toEqual([
      expect.objectContaining({ level: 'info', method: 'GET', route: 'unmatched', status: 404 }),
    ]);
  });

  test("a valid traceparent's trace id is the request id", async () => {
    const res = await api.call('GET', '/health', {
      headers: { traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` },
    });
    expect(res.headers.get('x-request-id')).toBe(TRACE_ID);
  });

  test('a malformed id or traceparent is replaced by a fresh one, never echoed', async () => {
    for (const headers of <Record<string, string>[]>[
      { 'x-request-id': 'has spaces and "quotes"' },
      { 'x-request-id': 'x'.repeat(200) },
      { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` },
    ]) {
      const res = await api.call('GET', '/v1/me', { headers });
      expect(res.status).toBe(401);
      const id = res.headers.get('x-request-id') ?? '';
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.error.requestId).toBe(id);
    }
  });

  test("the access line has the route's pattern and the organization, not the path, query or token", async () => {
    const owner = await api.signup();
    const missing = crypto.randomUUID();
    const res = await api.call('GET', `/v1/agents/${missing}?token=query-secret-123`, {
      token: owner.accessToken,
      headers: { 'x-request-id': 'access-1' },
    });
    expect(res.status).toBe(404);
    await settled();
    const [line] = accessLines('access-1');
    expect(line).toMatchObject({
      level: 'info',
      role: 'api',
      component: 'http',
      method: 'GET',
      route: '/v1/agents/:id',
      status: 404,
      organizationId: owner.organization.id,
    });
    expect(typeof line?.durationMs).toBe('number');
    const all = raw.join('');
    for (const secret of [missing, 'query-secret-123', owner.accessToken, owner.refreshToken]) {
      expect({ secret, logged: all.includes(secret) }).toEqual({ secret, logged: false });
    }
  });

  test("a REST send's access line and its append share the request id; the body is logged nowhere", async () => {
    const tenant = await chatTenant(api.rest);
    const visitor = await bootVisitor(api.rest, tenant);
    const conversation = await openConversation(api.rest, visitor);
    const body = 'a private visitor message 7d1f';
    const sent = await api.rest(
      'POST',
      `/v1/widget/conversations/${conversation.id}/messages`,
      { body },
      { ...bearer(visitor.sessionToken), 'x-request-id': 'send-1' },
    );
    expect(sent.status).toBe(201);
    await settled();
    expect(accessLines('send-1')).toEqual([
      expect.objectContaining({
        route: '/v1/widget/conversations/:id/messages',
        status: 201,
        organizationId: tenant.owner.organization.id,
      }),
    ]);
    const appended = lines.filter((l) => l.msg === 'message appended' && l.requestId === 'send-1');
    expect(appended).toEqual([
      expect.objectContaining({
        level: 'debug',
        component: 'messages',
        organizationId: tenant.owner.organization.id,
        conversationId: conversation.id,
        messageId: sent.body.id,
        seq: sent.body.seq,
      }),
    ]);
    expect(raw.join('')).not.toContain(body);
  });
});

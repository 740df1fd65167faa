import { expect, test } from 'bun:test';
import { NotFoundError } from '@flc/core';
import { configureLogs } from '@flc/log';
import { Elysia } from 'elysia';
import { errorHandler } from './errors.ts';

test("the shared services' NotFoundError answers the API's 404", async () => {
  const app = new Elysia().use(errorHandler).get('/thing', () => {
    throw new NotFoundError('Conversation');
  });
  const res = await app.handle(new Request('http://localhost/thing'));
  expect(res.status).toBe(404);
  const body = await res.json();
  expect(body).toEqual({
    error: {
      code: 'not_found',
      message: 'Conversation not found',
      requestId: body.error.requestId,
    },
  });
  expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
});

test("an unexpected failure is 500 and logged with the route's pattern, never the path's values", async () => {
  const logged: string[] = [];
  configureLogs({ role: 'test', level: 'warn', write: (line) => logged.push(line) });
  try {
    const app = new Elysia().use(errorHandler).get('/invitations/:token', () => {
      throw new Error('boom', { cause: new Error('the database is away') });
    });
    const res = await app.handle(
      new Request('http://localhost/invitations/secret-token-123', {
        headers: { 'x-request-id': 'req-42' },
      }),
    );
    expect(res.status).toBe(500);
    expect(res.headers.get('x-request-id')).toBe('req-42');
    expect(await res.json()).toEqual({
      error: { code: 'internal', message: 'Something went wrong on our side', requestId: 'req-42' },
    });
  } finally {
    configureLogs({ role: 'test', level: 'warn' });
  }
  expect(logged).toHaveLength(1);
  const line = JSON.parse(logged[0] ?? '{}');
  expect(line).toMatchObject({
    level: 'error',
    msg: 'request failed',
    method: 'GET',
    route: '/invitations/:token',
    requestId: 'req-42',
  });
  expect(line.err.message).toContain('the database is away');
  expect(logged.join('\n')).not.toContain('secret-token-123');
});

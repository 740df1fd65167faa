import { expect, test } from 'bun:test';
import { NotFoundError } from '@flc/core';
import { Elysia } from 'elysia';
import { errorHandler } from './errors.ts';

test("the shared services' NotFoundError answers the API's 404", async () => {
  const app = new Elysia().use(errorHandler).get('/thing', () => {
    throw new NotFoundError('Conversation');
  });
  const res = await app.handle(new Request('http://localhost/thing'));
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({
    error: { code: 'not_found', message: 'Conversation not found' },
  });
});

test("an unexpected failure is 500 and logged with the route's pattern, never the path's values", async () => {
  const logged: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => logged.push(args.map(String).join(' '));
  try {
    const app = new Elysia().use(errorHandler).get('/invitations/:token', () => {
      throw new Error('boom');
    });
    const res = await app.handle(new Request('http://localhost/invitations/secret-token-123'));
    expect(res.status).toBe(500);
    expect((await res.json()).error.code).toBe('internal');
  } finally {
    console.error = original;
  }
  expect(logged).toHaveLength(1);
  expect(logged[0]).toContain('GET /invitations/:token failed');
  expect(logged.join('\n')).not.toContain('secret-token-123');
});

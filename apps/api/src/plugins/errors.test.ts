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

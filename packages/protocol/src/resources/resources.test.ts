import { expect, test } from 'bun:test';
import type { Static } from '@sinclair/typebox';
import { Agent, type Page, page, WebhookEvent, webhookEventTypes } from './index.ts';

test('the WebhookEvent schema allows exactly the listed event names, in order', () => {
  expect(WebhookEvent.anyOf.map((literal) => literal.const)).toEqual([...webhookEventTypes]);
});

test('Page<T> is the static type of page(schema)', () => {
  type AgentPage = Static<ReturnType<typeof page<typeof Agent>>>;
  // Checked by the compiler both ways: a client's Page<Agent> is what the API documents.
  const documented: AgentPage = { items: [], nextCursor: null };
  const typed: Page<Agent> = documented;
  const back: AgentPage = typed;
  expect(page(Agent).required).toEqual(['items', 'nextCursor']);
  expect(back).toBe(documented);
});

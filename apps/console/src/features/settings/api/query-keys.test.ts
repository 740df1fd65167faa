import { expect, test } from 'bun:test';
import { QueryClient } from '@tanstack/react-query';
import { settingsKeys } from './query-keys.ts';

const state = (client: QueryClient, key: readonly unknown[]) =>
  client.getQueryState(key)?.isInvalidated;

function seeded() {
  const client = new QueryClient();
  const keys = [
    settingsKeys.organization(),
    settingsKeys.agents(),
    settingsKeys.environments(),
    settingsKeys.apiKeys('env-1'),
    settingsKeys.apiKeys('env-2'),
    settingsKeys.webhooks('env-1'),
    settingsKeys.deliveries('hook-1', 'all'),
    settingsKeys.deliveries('hook-1', 'failed'),
    settingsKeys.deliveries('hook-2', 'all'),
    // Other features' lists of the same resources sit under the same roots.
    ['agents', 'team'],
    ['environments', 'inbox-filter'],
  ];
  for (const key of keys) client.setQueryData(key, { items: [] });
  return client;
}

test('an environment mutation refetches every environment list, and their keys and webhooks', async () => {
  const client = seeded();
  await client.invalidateQueries({ queryKey: settingsKeys.environmentsRoot() });
  expect(state(client, settingsKeys.environments())).toBe(true);
  expect(state(client, ['environments', 'inbox-filter'])).toBe(true);
  expect(state(client, settingsKeys.apiKeys('env-1'))).toBe(true);
  expect(state(client, settingsKeys.organization())).toBe(false);
  expect(state(client, settingsKeys.agents())).toBe(false);
});

test("an API key mutation touches only its environment's keys", async () => {
  const client = seeded();
  await client.invalidateQueries({ queryKey: settingsKeys.apiKeys('env-1') });
  expect(state(client, settingsKeys.apiKeys('env-1'))).toBe(true);
  expect(state(client, settingsKeys.apiKeys('env-2'))).toBe(false);
  expect(state(client, settingsKeys.webhooks('env-1'))).toBe(false);
  expect(state(client, settingsKeys.environments())).toBe(false);
});

test("agent mutations reach the inbox's team list too", async () => {
  const client = seeded();
  await client.invalidateQueries({ queryKey: settingsKeys.agentsRoot() });
  expect(state(client, settingsKeys.agents())).toBe(true);
  expect(state(client, ['agents', 'team'])).toBe(true);
  expect(state(client, settingsKeys.environments())).toBe(false);
});

test('the delivery log is keyed by webhook and status; its root covers every filter', async () => {
  expect(settingsKeys.deliveries('hook-1', 'failed')).not.toEqual(
    settingsKeys.deliveries('hook-1', 'all'),
  );
  const client = seeded();
  await client.invalidateQueries({ queryKey: settingsKeys.deliveriesRoot('hook-1') });
  expect(state(client, settingsKeys.deliveries('hook-1', 'all'))).toBe(true);
  expect(state(client, settingsKeys.deliveries('hook-1', 'failed'))).toBe(true);
  expect(state(client, settingsKeys.deliveries('hook-2', 'all'))).toBe(false);
});

test('webhook lists are distinct from API key lists of the same environment', () => {
  expect(settingsKeys.webhooks('e')).not.toEqual(settingsKeys.apiKeys('e'));
  expect(settingsKeys.environments()).not.toEqual(['environments', 'inbox-filter']);
});

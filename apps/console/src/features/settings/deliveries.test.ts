import { expect, test } from 'bun:test';
import type { Delivery } from '@flc/protocol/resources';
import { QueryClient } from '@tanstack/react-query';
import { settingsKeys } from './api/query-keys.ts';
import { applyDelivery, canRetry, type DeliveryLogData, withDelivery } from './deliveries.ts';

// UUIDv7-like ids: they sort by time, as the log does (newest first).
const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

const delivery = (n: number, patch: Partial<Delivery> = {}): Delivery => ({
  id: id(n),
  webhookId: 'hook-1',
  eventId: id(100 + n),
  eventType: 'message.created',
  status: 'delivered',
  attempts: 1,
  lastError: null,
  lastStatusCode: 200,
  nextAttemptAt: null,
  deliveredAt: '2030-01-01T00:00:00.000Z',
  createdAt: '2030-01-01T00:00:00.000Z',
  ...patch,
});

const log = (...pages: Delivery[][]): DeliveryLogData => ({
  pages: pages.map((items, i) => ({ items, nextCursor: i < pages.length - 1 ? `c${i}` : null })),
  pageParams: pages.map((_, i) => (i === 0 ? null : `c${i - 1}`)),
});
const ids = (data: DeliveryLogData | undefined) =>
  data?.pages.map((p) => p.items.map((d) => d.id.slice(-2)));

test('retry is offered for a given-up delivery of an enabled webhook only', () => {
  expect(canRetry(delivery(1, { status: 'failed' }), { enabled: true })).toBe(true);
  expect(canRetry(delivery(1, { status: 'failed' }), { enabled: false })).toBe(false);
  expect(canRetry(delivery(1, { status: 'pending' }), { enabled: true })).toBe(false);
  expect(canRetry(delivery(1), { enabled: true })).toBe(false);
});

test('a test event goes on top of the logs it belongs to, and nowhere else', () => {
  const older = log([delivery(3), delivery(2, { status: 'failed' })], [delivery(1)]);
  const queued = delivery(4, {
    eventType: 'webhook.test',
    status: 'pending',
    attempts: 0,
    deliveredAt: null,
  });
  expect(ids(withDelivery(older, queued, 'all'))).toEqual([['04', '03', '02'], ['01']]);
  expect(ids(withDelivery(log([]), queued, 'pending'))).toEqual([['04']]);
  expect(withDelivery(older, queued, 'failed')).toBe(older);
  expect(withDelivery(older, queued, 'delivered')).toBe(older);
});

test('a retried delivery is replaced in place, leaves the failed filter, and waits in pending', () => {
  const failed = delivery(2, { status: 'failed', attempts: 5, lastStatusCode: 500 });
  const retried = { ...failed, status: 'pending' as const, attempts: 0 };
  const all = withDelivery(log([delivery(3), failed], [delivery(1)]), retried, 'all');
  expect(ids(all)).toEqual([['03', '02'], ['01']]);
  expect(all.pages[0]?.items[1]).toEqual(retried);
  expect(
    ids(withDelivery(log([failed, delivery(1, { status: 'failed' })]), retried, 'failed')),
  ).toEqual([['01']]);
  // Older than what the pending log shows: left to the refetch, which places it right.
  const pending = log([delivery(5, { status: 'pending' })]);
  expect(withDelivery(pending, retried, 'pending')).toBe(pending);
});

test('applyDelivery updates every loaded log of that webhook only', () => {
  const client = new QueryClient();
  const failed = delivery(2, { status: 'failed' });
  client.setQueryData(settingsKeys.deliveries('hook-1', 'all'), log([failed, delivery(1)]));
  client.setQueryData(settingsKeys.deliveries('hook-1', 'failed'), log([failed]));
  client.setQueryData(settingsKeys.deliveries('hook-1', 'pending'), log([]));
  const other = log([delivery(9, { webhookId: 'hook-2' })]);
  client.setQueryData(settingsKeys.deliveries('hook-2', 'all'), other);

  applyDelivery(client, { ...failed, status: 'pending', attempts: 0 });
  const read = (status: 'all' | 'failed' | 'pending') =>
    client.getQueryData<DeliveryLogData>(settingsKeys.deliveries('hook-1', status));
  expect(read('all')?.pages[0]?.items.map((d) => d.status)).toEqual(['pending', 'delivered']);
  expect(ids(read('failed'))).toEqual([[]]);
  expect(ids(read('pending'))).toEqual([['02']]);
  expect(client.getQueryData(settingsKeys.deliveries('hook-2', 'all'))).toBe(other);
  client.clear();
});

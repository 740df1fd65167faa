import type { Delivery, DeliveryStatus, Page, Webhook } from '@flc/protocol/resources';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { settingsKeys } from './api/query-keys.ts';

export type DeliveryLogData = InfiniteData<Page<Delivery>, string | null>;
type Filter = DeliveryStatus | 'all';

/** Only a given-up delivery of an enabled webhook can be queued again (the API answers 409 else). */
export const canRetry = (delivery: Delivery, webhook: Pick<Webhook, 'enabled'>) =>
  delivery.status === 'failed' && webhook.enabled;

/**
 * One loaded delivery log with `delivery` as the API just answered it (a test event queued, a
 * retry back to pending): replaced where it is, dropped from a filter it no longer matches, and
 * put on top of a log it belongs to when it is newer than everything loaded (ids are UUIDv7, the
 * log is newest first). An older one missing from a filtered log waits for the refetch.
 */
export function withDelivery(data: DeliveryLogData, delivery: Delivery, filter: Filter) {
  const belongs = filter === 'all' || filter === delivery.status;
  let found = false;
  const pages = data.pages.map((page) => {
    if (!page.items.some((d) => d.id === delivery.id)) return page;
    found = true;
    const items = belongs
      ? page.items.map((d) => (d.id === delivery.id ? delivery : d))
      : page.items.filter((d) => d.id !== delivery.id);
    return { ...page, items };
  });
  if (found) return { ...data, pages };
  const [first, ...rest] = data.pages;
  const top = first?.items[0];
  if (!belongs || !first || (top && top.id > delivery.id)) return data;
  return { ...data, pages: [{ ...first, items: [delivery, ...first.items] }, ...rest] };
}

/** Shows `delivery` in every loaded log of its webhook at once, before their refetch. */
export function applyDelivery(client: QueryClient, delivery: Delivery): void {
  const logs = client.getQueriesData<DeliveryLogData>({
    queryKey: settingsKeys.deliveriesRoot(delivery.webhookId),
  });
  for (const [key, data] of logs) {
    if (!data) continue;
    const filter = key[3] as Filter;
    client.setQueryData<DeliveryLogData>(key, withDelivery(data, delivery, filter));
  }
}

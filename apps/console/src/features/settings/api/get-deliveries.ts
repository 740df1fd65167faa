import type { Delivery, DeliveryStatus, Page } from '@flc/protocol/resources';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

/** The delivery log of a webhook, newest first, by its id alone. */
export const getDeliveries = (
  api: Api,
  webhookId: string,
  status: DeliveryStatus | 'all',
  cursor: string | null,
) =>
  api.request<Page<Delivery>>(`/v1/webhooks/${webhookId}/deliveries`, {
    query: { limit: 25, cursor, status: status === 'all' ? undefined : status },
  });

export const deliveriesQuery = (api: Api, webhookId: string, status: DeliveryStatus | 'all') =>
  infiniteQueryOptions({
    queryKey: settingsKeys.deliveries(webhookId, status),
    queryFn: ({ pageParam }) => getDeliveries(api, webhookId, status, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Deliveries move on their own (retries): keep the log current while it is open.
    refetchInterval: 10_000,
  });

export function useDeliveries(webhookId: string, status: DeliveryStatus | 'all') {
  return useInfiniteQuery(deliveriesQuery(useApi(), webhookId, status));
}

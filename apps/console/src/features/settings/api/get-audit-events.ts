import type { AuditEvent, Page } from '@flc/protocol/resources';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { settingsKeys } from './query-keys.ts';

/** The organization's audit log, newest first; `action` is a prefix ('' for every action). */
export const getAuditEvents = (api: Api, action: string, cursor: string | null) =>
  api.request<Page<AuditEvent>>('/v1/audit-events', {
    query: { limit: 25, cursor, action: action || undefined },
  });

export const auditEventsQuery = (api: Api, action: string) =>
  infiniteQueryOptions({
    queryKey: settingsKeys.auditEvents(action),
    queryFn: ({ pageParam }) => getAuditEvents(api, action, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Every change elsewhere adds to it: opening the log always shows the latest.
    staleTime: 0,
    refetchOnMount: 'always',
  });

export function useAuditEvents(action: string) {
  return useInfiniteQuery(auditEventsQuery(useApi(), action));
}

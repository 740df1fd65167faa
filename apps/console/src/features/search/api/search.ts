import type { SearchPage } from '@flc/protocol/resources';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';

export const searchKeys = { query: (q: string) => ['search', q] as const };

export const search = (api: Api, q: string, signal?: AbortSignal) =>
  api.request<SearchPage>('/v1/search', { query: { q, limit: 30 }, signal });

/** The first page of hits for `q` (contacts, conversations, then messages). */
export const searchQuery = (api: Api, q: string) =>
  queryOptions({
    queryKey: searchKeys.query(q),
    queryFn: ({ signal }) => search(api, q, signal),
    staleTime: 10_000,
  });

/** Runs once `q` has 2 characters besides white space. */
export function useSearch(q: string) {
  const trimmed = q.trim();
  return useQuery({ ...searchQuery(useApi(), trimmed), enabled: trimmed.length >= 2 });
}

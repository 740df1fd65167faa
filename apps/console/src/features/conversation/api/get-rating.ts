import type { ConversationRating } from '@flc/protocol/resources';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';

/** The visitor's rating, as `GET /v1/conversations/:id` carries it (null: not rated). */
export const getRating = async (api: Api, id: string, signal?: AbortSignal) =>
  (
    await api.request<{ rating: ConversationRating | null }>(
      `/v1/conversations/${encodeURIComponent(id)}`,
      { signal },
    )
  ).rating;

export const ratingQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: ['conversations', 'rating', id] as const,
    queryFn: ({ signal }) => getRating(api, id, signal),
  });

export const useRating = (id: string) => useQuery(ratingQuery(useApi(), id));

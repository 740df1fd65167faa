import type { Mention, MentionsReadResult } from '@flc/protocol/resources';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../lib/auth.tsx';
import { mentionKeys } from './get-mentions.ts';

/** POST /v1/me/mentions/:id/read; every mention list and the badge are fetched again. */
export function useMarkMentionRead() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.request<Mention>(`/v1/me/mentions/${encodeURIComponent(id)}/read`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: mentionKeys.all }),
  });
}

/** POST /v1/me/mentions/read: all of them, or those of one conversation. */
export function useMarkMentionsRead() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (conversationId?: string) =>
      api.request<MentionsReadResult>('/v1/me/mentions/read', {
        method: 'POST',
        body: conversationId ? { conversationId } : {},
      }),
    onSettled: () => client.invalidateQueries({ queryKey: mentionKeys.all }),
  });
}

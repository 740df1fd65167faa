import type { Message } from '@flc/protocol/resources';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../lib/auth.tsx';
import { messageKeys, type Pages, withMessage } from '../messages.ts';

/**
 * PATCH or DELETE /v1/conversations/:id/messages/:seq. The answer (the message with its new
 * `rev`) goes into every loaded page of the conversation's history at once; the socket's
 * `message.updated` / `message.deleted` for the same change then changes nothing.
 */
export function useChangeMessage(conversationId: string) {
  const api = useApi();
  const client = useQueryClient();
  const path = (seq: number) =>
    `/v1/conversations/${encodeURIComponent(conversationId)}/messages/${seq}`;
  const store = (message: Message) =>
    client.setQueriesData<Pages>({ queryKey: messageKeys.history(conversationId) }, (data) =>
      withMessage(data, message),
    );
  const edit = useMutation({
    mutationFn: ({ seq, body }: { seq: number; body: string }) =>
      api.request<Message>(path(seq), { method: 'PATCH', body: { body } }),
    onSuccess: store,
  });
  const remove = useMutation({
    mutationFn: (seq: number) => api.request<Message>(path(seq), { method: 'DELETE' }),
    onSuccess: store,
  });
  return { edit, remove };
}

import type { Conversation } from '@flc/protocol/resources';
import { useQueryClient } from '@tanstack/react-query';
import { useApi, useMe } from '../../lib/auth.tsx';
import { applyInboxEvent, conversationKeys, readMarks } from '../../lib/conversations.ts';
import { refreshLabelsFor } from '../../lib/labels.ts';
import { useRealtimeEvent } from '../../lib/realtime.tsx';
import { useReconnected } from '../../lib/use-reconnected.ts';

/**
 * Keeps every cached conversation list live from the socket's inbox events, and refetches them
 * after a reconnect (events sent while the socket was down are not replayed). A label it has not
 * heard of (a teammate just created it) refreshes the labels.
 */
export function useInboxLive(): void {
  const api = useApi();
  const client = useQueryClient();
  const meId = useMe().data?.agent.id ?? null;
  useRealtimeEvent('conversation', (event) => {
    refreshLabelsFor(client, event.conversation.labelIds ?? []);
    void applyInboxEvent(client, event, {
      meId,
      readUpTo: (id) => readMarks.upTo(id),
      fetchConversation: (id) =>
        api.request<Conversation>(`/v1/conversations/${encodeURIComponent(id)}`),
    }).catch(() => {
      // Gone or forbidden since the event: the next refetch settles it.
    });
  });
  useReconnected(() => void client.invalidateQueries({ queryKey: conversationKeys.all }));
}

import type { Contact, Conversation, Page } from '@flc/protocol/resources';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Api } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { byActivity, conversationKeys } from '../../../lib/conversations.ts';

export const contactKeys = {
  detail: (id: string) => ['contacts', id] as const,
};

export const contactQuery = (api: Api, id: string) =>
  queryOptions({
    queryKey: contactKeys.detail(id),
    queryFn: ({ signal }) =>
      api.request<Contact>(`/v1/contacts/${encodeURIComponent(id)}`, { signal }),
    staleTime: 60_000,
  });

export function useContact(id: string | undefined) {
  return useQuery({ ...contactQuery(useApi(), id ?? ''), enabled: Boolean(id) });
}

/**
 * The contact's conversations, newest first. Filtered here too: an API that does not know
 * `contactId` yet answers the whole inbox.
 */
export const contactConversationsQuery = (api: Api, contactId: string) =>
  queryOptions({
    queryKey: conversationKeys.byContact(contactId),
    queryFn: async ({ signal }): Promise<Page<Conversation>> => {
      const page = await api.request<Page<Conversation>>('/v1/conversations', {
        query: { contactId, limit: 50 },
        signal,
      });
      const items = page.items.filter((c) => c.contact.id === contactId).sort(byActivity);
      return { items, nextCursor: page.nextCursor };
    },
  });

export function useContactConversations(contactId: string | undefined) {
  return useQuery({
    ...contactConversationsQuery(useApi(), contactId ?? ''),
    enabled: Boolean(contactId),
  });
}

import { useEffect, useRef } from 'react';
import { useUnreadMentions } from './api/get-mentions.ts';
import { useMarkMentionsRead } from './api/mark-read.ts';

/**
 * Opening a conversation reads the agent's mentions in it: when the unread list has some there,
 * they are marked read together (once for each time some are listed). Renders nothing.
 */
export function MentionsSeen({ conversationId }: { conversationId: string }) {
  const unread = useUnreadMentions().data?.items ?? [];
  const here = unread.some((m) => m.conversationId === conversationId);
  const { mutate } = useMarkMentionsRead();
  const asked = useRef(false);
  useEffect(() => {
    if (!here) asked.current = false;
    if (!here || asked.current) return;
    asked.current = true;
    mutate(conversationId);
  }, [here, mutate, conversationId]);
  return null;
}

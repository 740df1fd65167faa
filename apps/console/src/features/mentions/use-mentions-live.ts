import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { t } from '../../lib/i18n/index.tsx';
import { useRealtimeEvent } from '../../lib/realtime.tsx';
import { useReconnected } from '../../lib/use-reconnected.ts';
import { mentionKeys, useUnreadMentions } from './api/get-mentions.ts';

/**
 * The agent's unread mentions, live on every page: a `mention` frame (sent to this agent's
 * sockets only) fetches the lists again, and is announced to screen readers; a reconnect fetches
 * them again, since mentions made while away are not replayed on the socket.
 */
export function useMentionsLive(): { unread: number; announcement: string } {
  const client = useQueryClient();
  const unread = useUnreadMentions().data?.unread ?? 0;
  const [announcement, setAnnouncement] = useState('');
  useRealtimeEvent('mention', ({ mention }) => {
    setAnnouncement(
      t('mentions.announce', { author: mention.author.name ?? t('mentions.someone') }),
    );
    void client.invalidateQueries({ queryKey: mentionKeys.all });
  });
  useReconnected(() => void client.invalidateQueries({ queryKey: mentionKeys.all }));
  return { unread, announcement };
}

import type { PendingMessage } from '@flc/sdk';
import { useCallback, useEffect, useState } from 'react';
import { t } from '../../lib/i18n/index.tsx';
import { useRealtime, useRealtimeEvent } from '../../lib/realtime.tsx';
import type { Outgoing } from './messages.ts';

/** Why the server refused a message, by the socket's error code (conversation.notSent). */
const REASONS = new Set(['too_large', 'forbidden', 'not_found', 'invalid', 'bad_frame']);
const reasonText = (error: { code?: string; message?: string } | undefined) =>
  error?.code && REASONS.has(error.code)
    ? t('conversation.notSent', { code: error.code })
    : (error?.message ?? t('conversation.notSent', { code: 'other' }));

/**
 * The agent's messages to this conversation that the server has not acknowledged: the SDK's
 * outbox (sent again after a reconnect with the same cid) and the ones refused for good.
 */
export function useOutgoing(conversationId: string) {
  const client = useRealtime();
  const mine = useCallback(
    (pending: readonly PendingMessage[]): Outgoing[] =>
      pending
        .filter((p) => p.conversationId === conversationId)
        .map((p) => ({
          cid: p.cid,
          body: p.body,
          kind: p.kind ?? 'message',
          createdAt: p.createdAt,
          state: 'sending',
        })),
    [conversationId],
  );
  const [sending, setSending] = useState<Outgoing[]>(() => mine(client?.pending() ?? []));
  const [failed, setFailed] = useState<Outgoing[]>([]);
  useEffect(() => setSending(mine(client?.pending() ?? [])), [client, mine]);
  useRealtimeEvent('outbox', (pending) => setSending(mine(pending)));

  const send = useCallback(
    (body: string, kind: 'message' | 'note' = 'message', attachments?: readonly string[]) => {
      if (!client) return false;
      const { pending, ack } = client.send(conversationId, body, {
        kind,
        ...(attachments && { attachments }),
      });
      ack.catch((error: { code?: string; message?: string }) => {
        if (error?.code === 'discarded') return;
        setFailed((list) => [
          ...list,
          {
            cid: pending.cid,
            body: pending.body,
            kind,
            createdAt: pending.createdAt,
            state: 'failed',
            error: reasonText(error),
          },
        ]);
      });
      return true;
    },
    [client, conversationId],
  );

  const discard = useCallback((cid: string) => {
    setFailed((list) => list.filter((o) => o.cid !== cid));
  }, []);

  const retry = useCallback(
    (cid: string) => {
      const entry = failed.find((o) => o.cid === cid);
      if (!entry) return;
      discard(cid);
      send(entry.body, entry.kind);
    },
    [failed, discard, send],
  );

  return { outgoing: [...sending, ...failed], send, retry, discard, ready: client !== null };
}

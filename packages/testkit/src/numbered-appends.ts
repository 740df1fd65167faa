import type { Actor, Message, MessageService } from '@flc/core';

/**
 * Traffic for a kill test below the sockets: message `n` (1, 2, …) is `message n` with cid
 * `cid-n`, appended as `actor(n)` to the n-th conversation round the list, `concurrency` appends
 * in flight at once as that many sockets would have. Successive `until` calls carry on the
 * numbering, so a test sends, kills, sends more, and restarts in between.
 */
export function numberedAppends(
  service: Pick<MessageService, 'append'>,
  options: { conversationIds: string[]; concurrency: number; actor: (n: number) => Actor },
) {
  const { conversationIds, concurrency, actor } = options;
  /** Every acked message, in the order the acks came. */
  const acked: Message[] = [];
  let sent = 0;
  return {
    acked,
    /** How many were sent so far. */
    sent: () => sent,
    /** Sends until `total` have been sent. */
    async until(total: number): Promise<void> {
      const lane = async () => {
        while (sent < total) {
          const n = ++sent;
          const { message } = await service.append(actor(n), {
            conversationId: conversationIds[n % conversationIds.length] ?? '',
            body: `message ${n}`,
            cid: `cid-${n}`,
          });
          acked.push(message);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, lane));
    },
  };
}

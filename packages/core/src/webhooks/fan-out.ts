import { pause } from '../consume.ts';
import type { Message } from '../message.ts';
import type { Delivery, DeliverySource } from '../persister.ts';
import type { MessageEventOutbox } from './events.ts';

export interface FanOutOptions {
  /** Aborting it stops the loop once the batch in flight is recorded and acknowledged. */
  signal: AbortSignal;
  onBatch?: (outcome: { messages: number; queued: number }) => void;
  onError?: (error: unknown) => void;
  /** Waits after a failure: full jitter, doubling from `baseMs` up to `capMs`. */
  backoff?: { baseMs: number; capMs: number };
  random?: () => number;
}

/**
 * Turns the bus's messages into `message.created` events, in the scaled profile, where the
 * append path only writes to the bus: a consumer group of its own over the conversation streams
 * (beside the persister's), each batch recorded in the outbox and only then acknowledged. A
 * crash before the ack hands the batch out again, and the outbox ignores events it holds, so
 * every message makes its event once.
 */
export async function fanOutMessages<D extends Delivery>(
  source: DeliverySource<D>,
  outbox: MessageEventOutbox,
  options: FanOutOptions,
): Promise<void> {
  const { signal, onBatch, backoff = { baseMs: 100, capMs: 5_000 } } = options;
  const onError = options.onError ?? ((error) => console.error('[webhooks]', error));
  const random = options.random ?? Math.random;
  let failures = 0;
  while (!signal.aborted) {
    try {
      const batch = await source.next();
      if (batch.length > 0) {
        const messages = batch.flatMap((d): Message[] => (d.message ? [d.message] : []));
        const queued = messages.length > 0 ? await outbox.messagesCreated(messages) : 0;
        await source.ack(batch);
        onBatch?.({ messages: messages.length, queued });
      }
      failures = 0;
    } catch (error) {
      // Left pending: claimed again later, by this consumer or another.
      onError(error);
      failures += 1;
      const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** (failures - 1));
      await pause(random() * ceiling, signal);
    }
  }
}

import { errorReporter } from '@flc/log';
import { batchSpanOptions, traced, tracingEnabled } from '@flc/telemetry';
import { pause } from '../consume.ts';
import type { Message } from '../message.ts';
import type { Delivery, DeliverySource } from '../persister.ts';
import type { MessageEventOutbox } from './events.ts';

/**
 * Which organizations have a webhook that may take `message.created` or `note.created` (what the
 * streams carry), exact as of the call: the
 * fan-out asks once per batch, after reading it, and skips the messages of every other
 * organization without a query of its own (a webhook created after that moment was created after
 * those messages were appended, and gets none of them).
 */
export interface MessageSubscribers {
  current(): Promise<(organizationId: string) => boolean>;
}

export interface FanOutOptions {
  /** Without it, every message goes to the outbox, which finds its subscribers itself. */
  subscribers?: MessageSubscribers;
  /** Aborting it stops the loop once the batch in flight is recorded and acknowledged. */
  signal: AbortSignal;
  /** `messages`: the messages read, whether any webhook wanted them or not. */
  onBatch?: (outcome: { messages: number; queued: number }) => void;
  onError?: (error: unknown) => void;
  /** Waits after a failure: full jitter, doubling from `baseMs` up to `capMs`. */
  backoff?: { baseMs: number; capMs: number };
  random?: () => number;
}

/**
 * Turns the bus's messages into `message.created` events (a note into `note.created`, for the
 * webhooks that subscribe to notes), in the scaled profile, where the
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
  const onError = options.onError ?? errorReporter('webhooks', 'recording message events failed');
  const random = options.random ?? Math.random;
  let failures = 0;
  while (!signal.aborted) {
    try {
      const batch = await source.next();
      if (batch.length > 0) {
        const read = batch.filter(isMessage).length;
        const messages = read > 0 ? await subscribed(batch, options.subscribers) : [];
        const record = () =>
          outbox.messagesCreated(messages, requestIdsOf(batch), traceparentsOf(batch));
        // Traced only when tracing is on: the fan-out's span joins its first message's trace.
        const queued =
          messages.length === 0
            ? 0
            : tracingEnabled()
              ? await traced(
                  'webhooks fan-out',
                  batchSpanOptions(
                    batch.map((d) => d.traceparent),
                    { 'flc.messages': messages.length },
                  ),
                  record,
                )
              : await record();
        await source.ack(batch);
        onBatch?.({ messages: read, queued });
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

/** The request ids the batch's entries carry, by message id (read only when one has one). */
function requestIdsOf(batch: Delivery[]): Map<string, string> | undefined {
  let ids: Map<string, string> | undefined;
  for (const d of batch) {
    if (!d.requestId || !d.message) continue;
    ids ??= new Map();
    ids.set(d.message.id, d.requestId);
  }
  return ids;
}

/** The append spans' `traceparent`s of the batch's messages, by message id (when traced). */
function traceparentsOf(batch: Delivery[]): Map<string, string> | undefined {
  let parents: Map<string, string> | undefined;
  for (const d of batch) {
    if (!d.traceparent || !d.message) continue;
    parents ??= new Map();
    parents.set(d.message.id, d.traceparent);
  }
  return parents;
}

/** A message entry, told apart from a signal without parsing it when the source can. */
const isMessage = (d: Delivery): boolean =>
  d.organizationId === undefined ? d.message !== null : d.organizationId !== null;

/**
 * The batch's messages whose organization may have a subscriber. An entry that names its
 * organization is checked before its message is read (parsed), so the rest cost nothing.
 */
async function subscribed<D extends Delivery>(
  batch: D[],
  subscribers: MessageSubscribers | undefined,
): Promise<Message[]> {
  if (!subscribers) return batch.flatMap((d): Message[] => (d.message ? [d.message] : []));
  const wanted = await subscribers.current();
  const messages: Message[] = [];
  for (const d of batch) {
    if (d.organizationId === null || (d.organizationId && !wanted(d.organizationId))) continue;
    const message = d.message;
    if (message && wanted(message.organizationId)) messages.push(message);
  }
  return messages;
}

import { errorReporter } from '@flc/log';
import type { AutoAssignment } from './assignment.ts';
import type { Bus } from './bus.ts';
import type { ConversationRepository } from './conversation-repository.ts';
import { NotFoundError } from './errors.ts';
import type { Message } from './message.ts';
import { conversationMoves, type MessageRecorder } from './message-recorder.ts';
import { announce } from './message-service.ts';

/** One entry handed over by a bus consumer: a message to store, or a signal to skip (`null`). */
export interface Delivery {
  message: Message | null;
  /**
   * The message's organization when the source knows it without reading the message (a bus
   * entry names it beside its frame): `null` for a signal, absent when unknown. Lets a reader
   * that skips most organizations leave their messages unparsed.
   */
  organizationId?: string | null;
  /** The request or socket that appended it (the stream entry's metadata), for the logs. */
  requestId?: string;
  /** The append's W3C `traceparent` (the entry's metadata), when it was traced. */
  traceparent?: string;
}

/**
 * The persister's view of a bus consumer group: batches of entries, each acknowledged once it is
 * written. An entry never acknowledged is handed out again (to this or another consumer), so a
 * crash between the write and the ack repeats a write, which the store ignores.
 */
export interface DeliverySource<D extends Delivery = Delivery> {
  /** The next batch, waiting a bounded time for one; empty when none came. */
  next(): Promise<D[]>;
  ack(deliveries: D[]): Promise<void>;
}

export interface PersisterDeps {
  /** Tells whether a message's conversation still exists. */
  conversations: ConversationRepository;
  /**
   * Stores a batch and moves the read model, with the webhook event of a visitor's message that
   * reopens (see `MessageRecorder.persist`).
   */
  recorder: MessageRecorder;
  /** Where the inbox's `conversation` events go. */
  bus: Pick<Bus, 'signal'>;
  /** Gives the conversations a visitor's message reopened an agent at once (see AutoAssignment). */
  assignment?: Pick<AutoAssignment, 'reopened'>;
  onError?: (error: unknown) => void;
}

export interface BatchOutcome {
  /** Messages written (a repeated one counts again). */
  stored: number;
  /** Entries acknowledged, signals included. */
  acked: number;
  /** Messages left pending, to be claimed again. */
  failed: number;
  /** Messages of conversations that no longer exist: acknowledged without a write. */
  dropped: number;
}

/**
 * Writes what the bus numbered into the message store and moves the conversations' read model,
 * behind the ack the sender already got (the scaled profile's "deferred" persistence). Batches
 * arrive at least once and the store is idempotent on `(conversationId, seq)`, so every message
 * is stored exactly once.
 */
export class Persister {
  private readonly onError: (error: unknown) => void;

  constructor(private readonly deps: PersisterDeps) {
    this.onError = deps.onError ?? errorReporter('persister', 'storing a batch failed');
  }

  /**
   * Stores the messages and moves each conversation's read model once for all its messages of
   * the batch (one transaction), then tells the inbox once per conversation that moved: `updated`
   * when a visitor's message reopened it (its `conversation.updated` webhook event is recorded
   * with the move), else `message`; the reopened ones then go through assignment. Each move is only forward, so batches persisted out of order
   * by several workers never move a row back.
   */
  async persist(messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    const moved = await this.deps.recorder.persist(messages, conversationMoves(messages));
    await Promise.all(
      moved.map((o) => announce(this.deps.bus, o.reopened ? 'updated' : 'message', o.row)),
    );
    const reopened = moved.filter((o) => o.reopened).map((o) => o.row);
    // The batch is stored: a failed round is reported, not retried (the sweep catches up).
    if (reopened.length > 0) await this.deps.assignment?.reopened(reopened).catch(this.onError);
  }

  /**
   * Persists a batch and acknowledges it. When the batch fails as a whole, each conversation is
   * tried on its own, so one bad message holds up only its conversation's entries; what still
   * fails stays pending and comes back through a later claim.
   */
  async handle<D extends Delivery>(batch: D[], source: DeliverySource<D>): Promise<BatchOutcome> {
    const messages = batch.flatMap((d) => (d.message ? [d.message] : []));
    try {
      await this.persist(messages);
    } catch (error) {
      this.onError(error);
      return this.handleEach(batch, source, error);
    }
    await source.ack(batch);
    return { stored: messages.length, acked: batch.length, failed: 0, dropped: 0 };
  }

  private async handleEach<D extends Delivery>(
    batch: D[],
    source: DeliverySource<D>,
    batchError: unknown,
  ): Promise<BatchOutcome> {
    const done = batch.filter((d) => d.message === null);
    const groups = new Map<string, D[]>();
    for (const d of batch) {
      if (!d.message) continue;
      const group = groups.get(d.message.conversationId);
      if (group) group.push(d);
      else groups.set(d.message.conversationId, [d]);
    }
    const outcome: BatchOutcome = { stored: 0, acked: 0, failed: 0, dropped: 0 };
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const messages = group.map((d) => d.message as Message);
        // With one conversation, the batch was this very write: it is not repeated.
        const failure =
          groups.size > 1
            ? await this.persist(messages).then(
                () => undefined,
                (error: unknown) => ({ error }),
              )
            : { error: batchError };
        if (!failure) {
          outcome.stored += messages.length;
          done.push(...group);
        } else if (await this.gone(messages[0] as Message)) {
          outcome.dropped += messages.length;
          done.push(...group);
        } else {
          if (groups.size > 1) this.onError(failure.error);
          outcome.failed += messages.length;
        }
      }),
    );
    if (done.length > 0) await source.ack(done);
    outcome.acked = done.length;
    return outcome;
  }

  /** Whether the message's conversation was deleted (with its tenant): then nothing can store it. */
  private async gone(message: Message): Promise<boolean> {
    try {
      await this.deps.conversations.get(
        { organizationId: message.organizationId },
        message.conversationId,
      );
      return false;
    } catch (error) {
      if (error instanceof NotFoundError) return true;
      this.onError(error);
      return false;
    }
  }
}

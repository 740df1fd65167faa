import type { Bus } from './bus.ts';
import type { ConversationRepository, ConversationRow } from './conversation-repository.ts';
import { NotFoundError } from './errors.ts';
import type { Message } from './message.ts';
import type { MessageRecorder } from './message-recorder.ts';
import { announce, recordedMessage } from './message-service.ts';
import type { MessageStore } from './message-store.ts';

/** One entry handed over by a bus consumer: a message to store, or a signal to skip (`null`). */
export interface Delivery {
  message: Message | null;
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
  store: MessageStore;
  /** Tells whether a message's conversation still exists. */
  conversations: ConversationRepository;
  /** Moves the read model, with the webhook event of a visitor's message that reopens. */
  recorder: MessageRecorder;
  /** Where the inbox's `conversation` events go. */
  bus: Pick<Bus, 'signal'>;
  /** Most messages per store write (a statement has a bounded number of parameters). */
  maxInsert?: number;
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
  private readonly maxInsert: number;
  private readonly onError: (error: unknown) => void;

  constructor(private readonly deps: PersisterDeps) {
    this.maxInsert = deps.maxInsert ?? 1_000;
    this.onError = deps.onError ?? ((error) => console.error('[persister]', error));
  }

  /** Stores the messages, then per conversation moves the read model and tells the inbox. */
  async persist(messages: Message[]): Promise<void> {
    for (let i = 0; i < messages.length; i += this.maxInsert) {
      await this.deps.store.insert(messages.slice(i, i + this.maxInsert));
    }
    await Promise.all([...byConversation(messages).values()].map((group) => this.record(group)));
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

  /**
   * Moves one conversation's read model to the batch's messages. Only the newest message of each
   * side matters: a visitor's reopens the conversation and marks the visitor's side read, an
   * agent's or bot's marks the agents' side; applied in seq order they leave the row as applying
   * every message one by one would. Each move is only forward, so batches persisted out of order
   * by several workers never move it back, and the inbox hears only of a move: `updated` when a
   * visitor's message reopened the conversation (its `conversation.updated` webhook event is
   * recorded with the move), else `message`.
   */
  private async record(messages: Message[]): Promise<void> {
    let visitor: Message | undefined;
    let team: Message | undefined;
    for (const m of messages) {
      if (m.sender.type === 'visitor') {
        if (!visitor || m.seq > visitor.seq) visitor = m;
      } else if (!team || m.seq > team.seq) {
        team = m;
      }
    }
    const newest = [visitor, team]
      .filter((m): m is Message => m !== undefined)
      .sort((a, b) => a.seq - b.seq);
    let moved: ConversationRow | null = null;
    let reopened = false;
    for (const m of newest) {
      const outcome = await this.deps.recorder.record(recordedMessage(m));
      if (!outcome) continue;
      moved = outcome.row;
      reopened ||= outcome.reopened;
    }
    if (moved) await announce(this.deps.bus, reopened ? 'updated' : 'message', moved);
  }
}

function byConversation(messages: Message[]): Map<string, Message[]> {
  const groups = new Map<string, Message[]>();
  for (const m of messages) {
    const group = groups.get(m.conversationId);
    if (group) group.push(m);
    else groups.set(m.conversationId, [m]);
  }
  return groups;
}

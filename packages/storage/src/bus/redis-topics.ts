import type { BusEvent, BusListener, Message, Topic, Unsubscribe } from '@flc/core';
import { channelOf, conversationKeys } from '../redis/layout.ts';
import type { RedisContext } from '../redis/server.ts';
import { createShardedSubscriber } from '../redis/subscriber.ts';
import { emit, frameOf, messageFromFrame, seqOfFrame } from './frame.ts';
import { scanConversation } from './stream-scan.ts';

type MessageEvent = BusEvent & { type: 'message' };

/** A message frame as the channel delivered it; the message is parsed only if asked for. */
class LiveMessage {
  readonly type = 'message';
  readonly seq: number;
  private parsed: Message | undefined;

  constructor(
    readonly topic: Topic,
    readonly frame: string,
  ) {
    const seq = seqOfFrame(frame);
    this.seq = Number.isSafeInteger(seq) ? seq : this.message.seq;
  }

  get message(): Message {
    this.parsed ??= messageFromFrame(this.frame, this.topic.organizationId);
    return this.parsed;
  }
}

/** After a resubscription: check what the topic missed, in order with its other events. */
const RECHECK = { type: 'recheck' } as const;
type Held = BusEvent | typeof RECHECK;

/**
 * One topic followed on this node. Kept small, as a node follows one per socket or so: an array
 * of listeners (a topic has one or a few here), no promise once it is open.
 */
class TopicState {
  /** Replaced, never changed in place, so a delivery under way keeps its list. */
  listeners: BusListener[] = [];
  /** The last seq handed to the listeners (or known as the start); undefined: not known yet. */
  lastSeq: number | undefined;
  /** Non-null while catching up (opening, filling a gap): live events wait here, in order. */
  held: Held[] | null = [];
  /** Until the channel is subscribed and the seqs known; null after. */
  ready: Promise<void> | null = null;

  constructor(
    readonly channel: string,
    readonly topic: Topic,
  ) {}
}

/** What a node's Redis bus has received, for `/metrics`: all of it was followed here. */
export interface TopicStats {
  /** Messages and signals received on the channels of the topics followed here. */
  received: number;
  /** Messages recovered from the partition streams to fill a gap. */
  filled: number;
  /** Topics whose listeners were told to catch up by themselves (`reset`). */
  resets: number;
  /** Topics followed on this node now. */
  topics: number;
}

export interface TopicRouter {
  stats(): TopicStats;
  subscribe(topic: Topic, listener: BusListener): Promise<Unsubscribe>;
  /**
   * A message this process has just appended, handed to the local listeners of its topic at once
   * instead of after the trip through its channel, when it is the very next seq they are due
   * (otherwise the channel's copy, in order, delivers it). The channel's copy is then skipped.
   */
  appended(event: MessageEvent): void;
  close(): Promise<void>;
}

export interface TopicRouterOptions {
  onError: (error: unknown) => void;
  /** Most partition stream entries a gap fill reads back through. */
  scanLimit: number;
}

/**
 * The live side of the Redis bus on one node: a sharded channel per topic that has local
 * listeners, and nothing else, so a node receives only the traffic its sockets follow. A
 * conversation's messages come in seq order (the append script publishes them); each listener
 * gets every seq once: a copy already handed over is skipped, and a gap (after a lost link, or a
 * slot that moved) is filled from the partition stream before what follows it. What cannot be
 * filled is announced with a `reset` event.
 */
export function createTopicRouter(context: RedisContext, options: TopicRouterOptions): TopicRouter {
  const { layout, commands, redirected } = context;
  const headOf = (conversationId: string) =>
    redirected(() => commands.get(conversationKeys(layout, conversationId).seq));
  const { onError, scanLimit } = options;
  const topics = new Map<string, TopicState>();
  const counts = { received: 0, filled: 0, resets: 0 };
  const subscriber = createShardedSubscriber(context, 'bus', {
    message(channel, payload) {
      counts.received += 1;
      const state = topics.get(channel);
      if (!state) return;
      push(
        state,
        payload.startsWith('{"t":"message"')
          ? new LiveMessage(state.topic, payload)
          : { type: 'signal', topic: state.topic, frame: payload },
      );
    },
    resubscribed(channels) {
      for (const channel of channels) {
        const state = topics.get(channel);
        if (!state) continue;
        // Signals are not kept anywhere: the listeners of these topics catch up themselves.
        if (state.topic.kind !== 'conversation') {
          counts.resets += 1;
          push(state, { type: 'reset', topic: state.topic });
        } else push(state, RECHECK);
      }
    },
    error: onError,
  });

  function push(state: TopicState, event: Held): void {
    if (state.held) state.held.push(event);
    else deliver(state, event);
  }

  function deliver(state: TopicState, event: Held): void {
    if (event.type === 'recheck') {
      catchUp(state, [], () => recheck(state));
      return;
    }
    if (event.type !== 'message') {
      emit(state.listeners, event, onError);
      return;
    }
    const last = state.lastSeq;
    if (last !== undefined && event.seq <= last) return;
    if (last === undefined || event.seq === last + 1) {
      state.lastSeq = event.seq;
      emit(state.listeners, event, onError);
      return;
    }
    // A gap: this event, and whatever comes meanwhile, waits for the missing ones.
    catchUp(state, [event], () => fill(state, last + 1, event.seq - 1));
  }

  function catchUp(state: TopicState, held: Held[], work: () => Promise<void>): void {
    state.held = held;
    work()
      .catch(onError)
      .finally(() => release(state));
  }

  function release(state: TopicState): void {
    const queue = state.held ?? [];
    state.held = null;
    for (let i = 0; i < queue.length; i++) {
      deliver(state, queue[i] as Held);
      // Another catch-up started: the rest waits behind it.
      if (state.held) {
        (state.held as Held[]).push(...queue.slice(i + 1));
        return;
      }
    }
  }

  /** Hands the listeners the conversation's messages `from..to` from the stream, in order. */
  async function fill(state: TopicState, from: number, to: number): Promise<void> {
    const topic = state.topic;
    if (topic.kind !== 'conversation') return;
    let found: Message[] = [];
    try {
      found = await redirected(() =>
        scanConversation(
          commands,
          layout,
          topic.organizationId,
          topic.conversationId,
          from,
          to,
          scanLimit,
        ),
      );
    } catch (error) {
      onError(error);
    }
    for (const message of found) {
      if (message.seq !== (state.lastSeq ?? 0) + 1) break;
      state.lastSeq = message.seq;
      counts.filled += 1;
      const frame = frameOf(message);
      emit(state.listeners, { type: 'message', topic, message, seq: message.seq, frame }, onError);
    }
    if ((state.lastSeq ?? 0) < to) {
      // Trimmed already, or Redis unreachable: the listeners catch up from the store.
      state.lastSeq = to;
      counts.resets += 1;
      emit(state.listeners, { type: 'reset', topic }, onError);
    }
  }

  /** After a resubscription: what was appended while the channel was not followed. */
  async function recheck(state: TopicState): Promise<void> {
    const topic = state.topic;
    if (topic.kind !== 'conversation') return;
    const head = await headOf(topic.conversationId);
    if (head === null) return; // nothing was ever appended here: nothing was missed
    const last = state.lastSeq;
    if (last === undefined) {
      // Subscribed before its first message, so where the missed ones start is not known.
      state.lastSeq = Number(head);
      counts.resets += 1;
      emit(state.listeners, { type: 'reset', topic }, onError);
    } else if (Number(head) > last) {
      await fill(state, last + 1, Number(head));
    }
  }

  /** Subscribes the topic's channel, then learns where its seqs stand, then lets events through. */
  async function open(state: TopicState): Promise<void> {
    await subscriber.subscribe([state.channel]);
    const { topic } = state;
    if (topic.kind === 'conversation') {
      // Whatever is published after the subscription is confirmed comes on the channel; what
      // the counter already counts was published before, and is left to the subscriber's
      // backfill. A missing counter: everything to come will arrive here, from the first.
      const head = await headOf(topic.conversationId);
      if (head !== null) state.lastSeq = Number(head);
    }
    release(state);
  }

  return {
    stats: () => ({ ...counts, topics: topics.size }),

    async subscribe(topic, listener) {
      const channel = channelOf(layout, topic);
      for (;;) {
        let state = topics.get(channel);
        if (!state) {
          const fresh = new TopicState(channel, topic);
          state = fresh;
          topics.set(channel, fresh);
          fresh.ready = open(fresh).then(
            () => {
              fresh.ready = null;
            },
            (error: unknown) => {
              if (topics.get(channel) === fresh) topics.delete(channel);
              throw error;
            },
          );
        }
        if (state.ready) await state.ready;
        // Dropped by a last unsubscribe while this one waited: open it again.
        if (topics.get(channel) !== state) continue;
        const current = state;
        current.listeners = [...current.listeners, listener];
        return () => {
          if (!current.listeners.includes(listener)) return;
          current.listeners = current.listeners.filter((l) => l !== listener);
          if (current.listeners.length > 0) return;
          if (topics.get(channel) !== current) return;
          topics.delete(channel);
          subscriber.unsubscribe([channel]);
        };
      }
    },

    appended(event) {
      const state = topics.get(channelOf(layout, event.topic));
      if (!state || state.held || state.lastSeq === undefined) return;
      if (event.seq !== state.lastSeq + 1) return;
      state.lastSeq = event.seq;
      emit(state.listeners, event, onError);
    },

    async close() {
      topics.clear();
      await subscriber.close();
    },
  };
}

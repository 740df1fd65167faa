import type { BusEvent, BusListener, Message, Topic, Unsubscribe } from '@flc/core';
import type { Redis } from 'ioredis';
import { emit, messageFromFrame } from './frame.ts';
import { field } from './redis-keys.ts';

/** Entries per stream per read: large enough to batch, small enough to keep latency even. */
const READ_COUNT = 1_000;
/** Short, so a changed set of streams is picked up soon even when the unblock below misses. */
const BLOCK_MS = 250;
const BACKOFF_BASE_MS = 50;
const BACKOFF_CAP_MS = 2_000;

interface Shard {
  /** The id of the last entry seen: the next read starts after it. */
  lastId: string;
  /** Local listeners by topic key. */
  topics: Map<string, TopicListeners>;
}

/** A topic's local listeners, and for a conversation the last seq handed to them. */
class TopicListeners extends Set<BusListener> {
  /** Unknown until the first message reaches them, from the stream or appended here. */
  lastSeq: number | undefined = undefined;
}

type StreamEntry = [id: string, fields: string[]];

/**
 * A message event read from a stream. Subscribers that only relay the frame (the gateway) need
 * its `seq`, which sits right after the frame's fixed head (see `messageFrameParts`); the
 * message itself is parsed only if someone asks for it.
 */
class StreamMessage {
  readonly type = 'message';
  readonly seq: number;
  private parsed: Message | undefined;

  constructor(
    readonly topic: Topic,
    readonly frame: string,
    private readonly organizationId: string,
  ) {
    // The first `,"seq":` is the key: `t`, `id` and `conversationId` come before it, and a JSON
    // string cannot hold an unescaped quote.
    const at = frame.indexOf(',"seq":');
    const seq = at < 0 ? Number.NaN : Number.parseInt(frame.slice(at + 7, at + 24), 10);
    this.seq = Number.isSafeInteger(seq) ? seq : this.message.seq;
  }

  get message(): Message {
    this.parsed ??= messageFromFrame(this.frame, this.organizationId);
    return this.parsed;
  }
}

export interface ShardReader {
  subscribe(stream: string, topicKey: string, listener: BusListener): Promise<Unsubscribe>;
  /**
   * A message this process has just appended, handed to the local listeners of its topic at once
   * instead of after the round trip through the stream, when it is the very next seq they are
   * due. Otherwise (an earlier seq, appended elsewhere, is still on its way) it waits for the
   * stream like any other. Either way the listeners get each message once, in seq order: the
   * stream's copy of a message handed over early is skipped.
   */
  appended(stream: string, topicKey: string, event: BusEvent & { type: 'message' }): void;
  close(): Promise<void>;
}

/**
 * One loop per bus instance reading every shard stream that has local listeners, with one
 * blocking XREAD on a connection of its own, and dispatching each entry to its topic's listeners.
 * `commands` is the bus's other connection, for the calls that must not wait behind the block.
 */
export function createShardReader(
  connection: Redis,
  commands: Redis,
  onError: (error: unknown) => void,
): ShardReader {
  const shards = new Map<string, Shard>();
  const opening = new Map<string, Promise<Shard>>();
  let closed = false;
  let readerId: number | undefined;
  let wakeUp: (() => void) | undefined;

  // A new connection has a new client id; until the loop asks again, unblocking is skipped.
  connection.on('close', () => {
    readerId = undefined;
  });

  /** Waits `ms`, or until woken (a new shard, close); without `ms`, only until woken. */
  function pause(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  /** Makes the loop read the current set of streams now rather than after its block times out. */
  function restartRead(): void {
    wakeUp?.();
    if (readerId !== undefined) commands.client('UNBLOCK', readerId).catch(onError);
  }

  function open(stream: string): Promise<Shard> {
    const pending = opening.get(stream);
    if (pending) return pending;
    // Start after the stream's newest entry: whatever is appended once this resolves is read.
    const started = commands.xrevrange(stream, '+', '-', 'COUNT', 1).then((newest) => {
      const shard: Shard = { lastId: newest[0]?.[0] ?? '0-0', topics: new Map() };
      shards.set(stream, shard);
      restartRead();
      return shard;
    });
    opening.set(stream, started);
    const forget = () => opening.delete(stream);
    started.then(forget, forget);
    return started;
  }

  function dispatch(stream: string, shard: Shard, entries: StreamEntry[]): void {
    for (const [id, fields] of entries) {
      shard.lastId = id;
      const [topicField, key, orgField, organizationId, kind, frame] = fields;
      if (topicField !== field.topic || orgField !== field.organization || !key) {
        onError(new Error(`bus: unexpected entry ${id} in ${stream}`));
        continue;
      }
      // Most entries of a shard belong to topics nobody here follows: skip them unparsed.
      const listeners = shard.topics.get(key);
      if (!listeners || !organizationId || frame === undefined) continue;
      const topic: Topic = key.startsWith('c:')
        ? { kind: 'conversation', organizationId, conversationId: key.slice(2) }
        : { kind: 'organization', organizationId };
      if (kind !== field.message) {
        emit(listeners, { type: 'signal', topic, frame }, onError);
        continue;
      }
      const event = new StreamMessage(topic, frame, organizationId);
      // Handed over already when it was appended here.
      if (listeners.lastSeq !== undefined && event.seq <= listeners.lastSeq) continue;
      listeners.lastSeq = event.seq;
      emit(listeners, event, onError);
    }
  }

  async function readOnce(): Promise<void> {
    readerId ??= await connection.client('ID');
    const streams = [...shards.keys()];
    // The last listener may have left while the id was asked for.
    if (streams.length === 0) return;
    const reading = streams.map((stream) => shards.get(stream) as Shard);
    const ids = reading.map((shard) => shard.lastId);
    const reply = await connection.xread(
      'COUNT',
      READ_COUNT,
      'BLOCK',
      BLOCK_MS,
      'STREAMS',
      ...streams,
      ...ids,
    );
    for (const [stream, entries] of reply ?? []) {
      const shard = reading[streams.indexOf(stream)];
      // A shard dropped, or dropped and opened again, while the read was in flight has moved on.
      if (shard && shards.get(stream) === shard) dispatch(stream, shard, entries);
    }
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (!closed) {
      if (shards.size === 0) {
        await pause();
        continue;
      }
      try {
        await readOnce();
        failures = 0;
      } catch (error) {
        if (closed) break;
        onError(error);
        // Full jitter, capped: nodes that lost the same Redis do not come back in lockstep.
        failures += 1;
        await pause(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** failures));
      }
    }
  }

  const running = loop();

  return {
    async subscribe(stream, topicKey, listener) {
      for (;;) {
        if (closed) throw new Error('the bus is closed');
        const shard = shards.get(stream) ?? (await open(stream));
        // Dropped by a last unsubscribe while this one waited: open it again.
        if (shards.get(stream) !== shard) continue;
        let listeners = shard.topics.get(topicKey);
        if (!listeners) {
          listeners = new TopicListeners();
          shard.topics.set(topicKey, listeners);
        }
        listeners.add(listener);
        return () => {
          if (!listeners.delete(listener) || listeners.size > 0) return;
          shard.topics.delete(topicKey);
          // The last local listener of the shard: stop reading its stream.
          if (shard.topics.size === 0 && shards.get(stream) === shard) shards.delete(stream);
        };
      }
    },

    appended(stream, topicKey, event) {
      const listeners = shards.get(stream)?.topics.get(topicKey);
      if (listeners?.lastSeq === undefined || event.seq !== listeners.lastSeq + 1) return;
      listeners.lastSeq = event.seq;
      emit(listeners, event, onError);
    },

    async close() {
      closed = true;
      wakeUp?.();
      // Rejects the XREAD in flight at once instead of waiting out its block.
      connection.disconnect();
      await running;
    },
  };
}

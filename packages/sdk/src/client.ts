import { type BackoffOptions, defaultBackoff } from './backoff.ts';
import { Connection } from './connection.ts';
import { Conversations, type FetchHistory } from './conversations.ts';
import { Emitter } from './emitter.ts';
import { defaultOnline, realTimers, socketUrl } from './env.ts';
import { Outbox, type Sending } from './outbox.ts';
import type {
  ClientEvents,
  ClientFrame,
  ConnectionState,
  Message,
  OnlineSignal,
  OutboxStorage,
  PendingMessage,
  Principal,
  Ready,
  ServerFrame,
  StateChange,
  Timers,
  WebSocketConstructor,
} from './types.ts';
import { Typing } from './typing.ts';

export interface ClientOptions {
  /** The platform's address (`https://chat.example.com`) or its socket URL (`wss://.../v1/ws`). */
  url: string;
  /** A visitor session token or an agent access token. */
  token?: string;
  /** Where a fresh token comes from: first when no `token` is given, then after 4001 or expiry. */
  getToken?: () => Promise<string>;
  /** Defaults to the global WebSocket (browsers, Bun, Node 22+); pass `ws` on Node 20. */
  WebSocket?: WebSocketConstructor;
  timers?: Timers;
  /** Defaults to the browser's online/offline events; elsewhere always online. */
  online?: OnlineSignal;
  /** Fills gaps from REST (see `restHistory`) instead of subscribing again from the last seq. */
  fetchHistory?: FetchHistory;
  /** Keeps unacked messages across page loads. */
  outboxStorage?: OutboxStorage;
  backoff?: BackoffOptions;
  /** Source of the backoff jitter, in [0, 1). */
  random?: () => number;
  /** No `ready` this long after dialing: drop the socket and retry (default 15 s). */
  connectTimeoutMs?: number;
  /** No `pong` this long after a `ping`: drop the socket and retry (default 10 s). */
  pongTimeoutMs?: number;
  /** A sent message without an ack this long is sent again with its cid (default 15 s). */
  ackTimeoutMs?: number;
  /** Wait before resending after `rate_limited` or `internal` (default 2 s). */
  sendRetryMs?: number;
  /** At most one `typing on` per conversation this often (default 3 s). */
  typingThrottleMs?: number;
  /** `typing off` this long after the last `typing()` call (default 5 s). */
  typingIdleMs?: number;
  /** Wait before asking again for a gap that is still open, × the attempt (default 1 s). */
  gapRetryMs?: number;
  /** Fills tried before a gap is given up and reported (default 5). */
  maxGapAttempts?: number;
}

/** The chat client for visitors and agents. Create with `createClient`, then `connect()`. */
export class Client {
  private readonly events = new Emitter<ClientEvents>();
  private readonly connection: Connection;
  private readonly conversations: Conversations;
  private readonly outbox: Outbox;
  private readonly typingFrames: Typing;
  private readonly reads = new Map<string, { wanted: number; sent: number }>();
  private session: Ready | null = null;

  constructor(options: ClientOptions) {
    if (options.token === undefined && !options.getToken) {
      throw new TypeError('createClient needs a token or getToken');
    }
    const WebSocket =
      options.WebSocket ??
      (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket ??
      undefined;
    if (!WebSocket) throw new TypeError('No global WebSocket here: pass one as options.WebSocket');
    socketUrl(options.url, '/', 'check'); // throws now on a malformed url, not at every dial
    const timers = options.timers ?? realTimers;
    const send = (frame: ClientFrame) => this.connection.send(frame);

    this.connection = new Connection(
      {
        url: options.url,
        token: options.token,
        getToken: options.getToken,
        WebSocket,
        timers,
        online: options.online ?? defaultOnline(),
        backoff: { ...defaultBackoff, ...options.backoff },
        random: options.random ?? Math.random,
        connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
        pongTimeoutMs: options.pongTimeoutMs ?? 10_000,
        tokenLeewayMs: 10_000,
      },
      {
        state: (change) => this.onState(change),
        ready: (frame) => this.onReady(frame),
        frame: (frame) => this.onFrame(frame),
        error: (error) => this.events.emit('error', error),
      },
    );
    this.conversations = new Conversations({
      send,
      deliver: (message) => this.events.emit('message', message),
      // A visitor never receives notes: its messages chain by `prevSeq` across them.
      visitor: () => this.session?.principal.type === 'visitor',
      error: (error) => this.events.emit('error', error),
      timers,
      fetchHistory: options.fetchHistory,
      gapRetryMs: options.gapRetryMs ?? 1_000,
      maxGapAttempts: options.maxGapAttempts ?? 5,
    });
    this.outbox = new Outbox({
      send,
      changed: (pending) => this.events.emit('outbox', pending),
      storage: options.outboxStorage,
      timers,
      ackTimeoutMs: options.ackTimeoutMs ?? 15_000,
      retryMs: options.sendRetryMs ?? 2_000,
    });
    this.typingFrames = new Typing({
      send,
      timers,
      throttleMs: options.typingThrottleMs ?? 3_000,
      idleMs: options.typingIdleMs ?? 5_000,
    });
    if (options.outboxStorage) {
      this.outbox.restore().then(
        () => this.outbox.flush(),
        (cause: unknown) =>
          this.events.emit('error', {
            code: 'storage_failed',
            message: 'outboxStorage.load() failed',
            cause,
          }),
      );
    }
  }

  get state(): ConnectionState {
    return this.connection.state;
  }

  /** Who the server says this client is; null before the first `ready`. */
  get principal(): Principal | null {
    return this.session?.principal ?? null;
  }

  on<K extends keyof ClientEvents>(
    event: K,
    handler: (payload: ClientEvents[K]) => void,
  ): () => void {
    return this.events.on(event, handler);
  }

  connect(): void {
    this.connection.connect();
  }

  /** Closes with 1000 and stops; the outbox is kept, and `connect()` starts again. */
  close(): void {
    this.connection.close();
  }

  /**
   * Follows a conversation, also across reconnects. With `afterSeq`, every message after it is
   * delivered first (e.g. the last seq of the history the host already shows); without, live only.
   * The edits and deletes of the messages up to `afterSeq` made after `afterRev` (default 0: all
   * of them) come too, as `message.updated` / `message.deleted`; after a reconnect, those missed.
   */
  subscribe(conversationId: string, afterSeq?: number, afterRev?: number): void {
    this.conversations.subscribe(conversationId, afterSeq, afterRev);
  }

  unsubscribe(conversationId: string): void {
    this.conversations.unsubscribe(conversationId);
  }

  /** The highest seq delivered for a followed conversation. */
  lastSeq(conversationId: string): number | undefined {
    return this.conversations.lastSeq(conversationId);
  }

  /**
   * Queues a message; it is sent now or after the next resume, always with the same cid. With
   * `{ kind: 'note' }` it is a private note of the team (agents only; a visitor's is refused);
   * `{ attachments: [ids] }` sends files uploaded to the conversation with it.
   */
  send(
    conversationId: string,
    body: string,
    options: { kind?: 'message' | 'note'; attachments?: readonly string[] } = {},
  ): Sending {
    // A note is the team's: it tells the visitor nothing, not even that someone is typing.
    if (options.kind !== 'note') this.typingFrames.stop(conversationId);
    const kind = options.kind === 'note' ? 'note' : undefined;
    return this.outbox.add(conversationId, body, kind, options.attachments);
  }

  /** Messages sent but not acked yet, oldest first. */
  pending(): readonly PendingMessage[] {
    return this.outbox.pending();
  }

  discard(cid: string): boolean {
    return this.outbox.discard(cid);
  }

  /** Call on every keystroke; the frames are throttled and turned off when idle. */
  typing(conversationId: string): void {
    this.typingFrames.keystroke(conversationId);
  }

  stopTyping(conversationId: string): void {
    this.typingFrames.stop(conversationId);
  }

  /** Marks the conversation read up to `seq`; sent now, or when the socket is back. */
  read(conversationId: string, seq: number): void {
    const r = this.reads.get(conversationId) ?? { wanted: 0, sent: 0 };
    if (seq <= r.wanted) return;
    r.wanted = seq;
    this.reads.set(conversationId, r);
    if (this.connection.send({ t: 'read', conversationId, seq })) r.sent = seq;
  }

  private onState(change: StateChange): void {
    if (change.previous === 'open' && change.state !== 'open') {
      this.outbox.disconnected();
      this.typingFrames.reset();
      this.conversations.disconnected();
    }
    this.events.emit('state', change);
    if (change.state === 'open' && this.session) this.events.emit('ready', this.session);
  }

  /** Runs before `state: open` is emitted: the session is whole again when the host hears of it. */
  private onReady(frame: Ready): void {
    this.session = {
      sessionId: frame.sessionId,
      principal: frame.principal,
      heartbeatMs: frame.heartbeatMs,
    };
    this.conversations.resume();
    this.outbox.flush();
    for (const [conversationId, r] of this.reads) {
      if (r.wanted > r.sent && this.connection.send({ t: 'read', conversationId, seq: r.wanted })) {
        r.sent = r.wanted;
      }
    }
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.t) {
      case 'message': {
        const { t: _, ...message } = frame;
        if (message.cid !== undefined) this.ownMessage(message, message.cid);
        this.conversations.onMessage(message);
        return;
      }
      case 'ack': {
        const { t: _, ...ack } = frame;
        if (this.outbox.acked(ack)) this.events.emit('ack', ack);
        return;
      }
      case 'subscribed': {
        const { t: _, ...subscribed } = frame;
        this.conversations.onSubscribed(
          subscribed.conversationId,
          subscribed.headSeq,
          subscribed.headRev,
        );
        this.events.emit('subscribed', subscribed);
        return;
      }
      case 'message.updated':
      case 'message.deleted': {
        const { t, ...change } = frame;
        if (this.conversations.onChange(change)) this.events.emit(t, change as never);
        return;
      }
      case 'error': {
        const { t: _, ...error } = frame;
        this.outbox.failed(error);
        this.events.emit('error', error);
        return;
      }
      case 'typing':
      case 'read':
      case 'conversation':
      case 'status':
      case 'presence':
      case 'mention':
      case 'availability': {
        const { t, ...payload } = frame;
        this.events.emit(t, payload as never);
        return;
      }
      default:
        return;
    }
  }

  /** Our own message echoed with its cid settles the send even if the ack frame was lost. */
  private ownMessage(m: Message, cid: string): void {
    const ack = {
      cid,
      id: m.id,
      conversationId: m.conversationId,
      seq: m.seq,
      createdAt: m.createdAt,
    };
    if (this.outbox.acked(ack)) this.events.emit('ack', ack);
  }
}

export function createClient(options: ClientOptions): Client {
  return new Client(options);
}

// Types only: the shapes come from @flc/protocol, whose TypeBox runtime never reaches a bundle.
import type { ServerFrame, ServerFrameOf } from '@flc/protocol';

export type { ClientFrame, Principal, Sender, ServerFrame } from '@flc/protocol';

type Payload<K extends ServerFrame['t']> = Omit<ServerFrameOf<K>, 't'>;

/** A message as the socket delivers it and as REST history returns it. */
export type Message = Payload<'message'>;
export type Ack = Payload<'ack'>;
export type Ready = Payload<'ready'>;
export type Subscribed = Payload<'subscribed'>;
export type TypingEvent = Payload<'typing'>;
export type ReadEvent = Payload<'read'>;
export type ConversationEvent = Payload<'conversation'>;
export type StatusEvent = Payload<'status'>;
export type PresenceEvent = Payload<'presence'>;
export type MentionEvent = Payload<'mention'>;
/** Visitors only: whether anyone can answer changed (the boot's `availability` shape). */
export type AvailabilityEvent = Payload<'availability'>;
/** A message's new body; it keeps its seq (see `applyChange`). */
export type MessageUpdated = Payload<'message.updated'>;
/** A message deleted: it keeps its seq, with an empty body (see `applyChange`). */
export type MessageDeleted = Payload<'message.deleted'>;
export type MessageChange = MessageUpdated | MessageDeleted;
export type ServerError = Payload<'error'>;

/** The parts of a WebSocket the client uses: the browser's, Bun's, Node's 22+, `ws`, or a fake. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
) => WebSocketLike;

/** Injectable clock so tests can drive every delay. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** Whether the device has a network; the client does not dial while it says offline. */
export interface OnlineSignal {
  isOnline(): boolean;
  /** Calls `listener` whenever the answer of `isOnline()` may have changed. */
  subscribe(listener: () => void): () => void;
}

/** One message waiting for its ack. `cid` stays the same across every resend. */
export interface PendingMessage {
  cid: string;
  conversationId: string;
  body: string;
  /** Epoch ms of the `send()` call. */
  createdAt: number;
  /** `note`: a private note of the team (agents only). */
  kind?: 'note';
  /** Ids of attachments uploaded to the conversation (REST), sent with it. */
  attachments?: readonly string[];
  /** `queued`: waits for an open socket; `sent`: written, ack not yet seen. */
  status: 'queued' | 'sent';
}

/** Where the host keeps the outbox between page loads (e.g. localStorage). */
export interface OutboxStorage {
  load(): readonly PendingMessage[] | null | undefined | Promise<readonly PendingMessage[] | null>;
  save(pending: readonly PendingMessage[]): void;
}

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Why the state changed. */
export type StateReason =
  /** `connect()` was called. */
  | 'connect'
  /** The server sent `ready`. */
  | 'ready'
  /** Close 1012: the node restarts; reconnect at once. */
  | 'restart'
  /** Close 4001: a fresh token is fetched with `getToken()`. */
  | 'token_expired'
  /** Close 4008: rate limit or policy; backoff keeps growing. */
  | 'policy'
  /** Close 4009: the socket fell behind; reconnect and resume. */
  | 'too_slow'
  /** An open session was lost (network, 1001, 1006, 1011, ...). */
  | 'disconnected'
  /** The socket closed or failed before `ready`. */
  | 'connect_failed'
  /** No `ready` within `connectTimeoutMs`. */
  | 'connect_timeout'
  /** No `pong` within `pongTimeoutMs` of a `ping`. */
  | 'heartbeat_timeout'
  /** `getToken()` threw. */
  | 'token_failed'
  /** The online signal says offline: nothing is attempted until it says online. */
  | 'offline'
  /** The online signal came back: reconnect at once. */
  | 'online'
  /** `close()` was called. */
  | 'client'
  /** Close 1000 from the server: stop. */
  | 'server_closed'
  /** Close 1009: a frame was too large; fatal. */
  | 'too_large'
  /** Close 4001 without `getToken` to refresh the token; fatal. */
  | 'unauthorized'
  /**
   * Close 4003: the page's origin is not one the environment allows, or the organization is
   * suspended by the platform's operators; fatal.
   */
  | 'forbidden';

export interface StateChange {
  state: ConnectionState;
  previous: ConnectionState;
  reason: StateReason;
  /** Reconnect attempts since the last connection that stayed good (`reconnecting` only). */
  attempt?: number;
  /** Delay before the next attempt; null while waiting for the network (`reconnecting` only). */
  delayMs?: number | null;
  /** The close code that caused the change, when there was one. */
  code?: number;
  /** `closed` by something the client cannot recover from by itself. */
  fatal?: boolean;
}

/** Errors from the server (`error` frames) and from the client itself. */
export interface ClientError {
  code:
    | ServerError['code']
    | 'token_failed'
    | 'history_failed'
    | 'gap_unfilled'
    | 'protocol'
    | 'storage_failed'
    | 'unauthorized';
  message: string;
  /** The `cid` or frame type the server's error answers. */
  ref?: string;
  conversationId?: string;
  fatal?: boolean;
  cause?: unknown;
}

export interface ClientEvents {
  state: StateChange;
  ready: Ready;
  message: Message;
  ack: Ack;
  subscribed: Subscribed;
  typing: TypingEvent;
  read: ReadEvent;
  conversation: ConversationEvent;
  status: StatusEvent;
  presence: PresenceEvent;
  /** An agent's own: it was mentioned in a note (agents only). */
  mention: MentionEvent;
  /** A visitor's: whether anyone can answer changed (`{availability}`, as at boot). */
  availability: AvailabilityEvent;
  /**
   * A message of a followed conversation was edited. Apply it with `applyChange`, which keeps
   * the newest by `rev`: after a resume a change can come twice.
   */
  'message.updated': MessageUpdated;
  /** A message of a followed conversation was deleted (its body is gone). */
  'message.deleted': MessageDeleted;
  /** The outbox changed; the payload is the new pending list. */
  outbox: readonly PendingMessage[];
  error: ClientError;
}

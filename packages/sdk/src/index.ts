export { type BackoffOptions, backoffDelay } from './backoff.ts';
export { applyChange, newerOf } from './changes.ts';
export { Client, type ClientOptions, createClient } from './client.ts';
export type { FetchHistory } from './conversations.ts';
export { type RestHistoryOptions, restHistory } from './history.ts';
export { SendError, type Sending } from './outbox.ts';
export type {
  Ack,
  AvailabilityEvent,
  ClientError,
  ClientEvents,
  ConnectionState,
  ConversationEvent,
  MentionEvent,
  Message,
  MessageChange,
  MessageDeleted,
  MessageUpdated,
  OnlineSignal,
  OutboxStorage,
  PendingMessage,
  PresenceEvent,
  Principal,
  ReadEvent,
  Ready,
  Sender,
  StateChange,
  StateReason,
  StatusEvent,
  Subscribed,
  Timers,
  TypingEvent,
  WebSocketConstructor,
  WebSocketLike,
} from './types.ts';

import { type Static, Type as T } from '@sinclair/typebox';
import { limits } from './codes.ts';
import { WidgetAvailability } from './resources/business-hours.ts';

const Id = T.String({ minLength: 1, maxLength: 64 });
/** A conversation's place: a PostgreSQL integer, so never above 2,147,483,647. */
const Seq = T.Integer({ minimum: 0, maximum: limits.maxSeq });
const Timestamp = T.String({ format: 'date-time' });

/**
 * `message`: part of the conversation with the visitor. `note`: a private note, written by the
 * team for the team; it has its seq in the one log, but no visitor ever receives it.
 */
export const MessageKind = T.Union([T.Literal('message'), T.Literal('note')]);
export type MessageKind = Static<typeof MessageKind>;

/** Uploaded attachments' ids, to go with a message (each uploaded to the same conversation). */
const AttachmentIds = T.Array(Id, {
  minItems: 1,
  maxItems: limits.maxAttachmentsPerMessage,
  uniqueItems: true,
});

// ---- client → server ----------------------------------------------------------------------

export const SendFrame = T.Object({
  t: T.Literal('send'),
  cid: T.String({ minLength: 1, maxLength: limits.maxCidChars }),
  conversationId: Id,
  /** Empty only when the message carries attachments. */
  body: T.String({ maxLength: limits.maxBodyChars }),
  kind: T.Optional(MessageKind),
  /** Attachments uploaded to the conversation (REST), sent with the message. */
  attachments: T.Optional(AttachmentIds),
});
export const SubscribeFrame = T.Object({
  t: T.Literal('subscribe'),
  conversationId: Id,
  afterSeq: T.Optional(Seq),
  /** The last change (`rev`) the client has: the edits and deletes after it come before `subscribed`. */
  afterRev: T.Optional(Seq),
});
export const UnsubscribeFrame = T.Object({ t: T.Literal('unsubscribe'), conversationId: Id });
export const TypingFrame = T.Object({
  t: T.Literal('typing'),
  conversationId: Id,
  on: T.Boolean(),
});
export const ReadFrame = T.Object({ t: T.Literal('read'), conversationId: Id, seq: Seq });
export const PingFrame = T.Object({ t: T.Literal('ping'), ts: T.Optional(T.Number()) });
/** Ids to narrow an agent socket's inbox to (any of them). */
const FilterIds = T.Array(Id, {
  minItems: 1,
  maxItems: limits.maxInboxFilterIds,
  uniqueItems: true,
});
/**
 * Which inbox events an agent socket gets: those of conversations that match every field given
 * (an empty filter matches all).
 */
export const InboxFilter = T.Object(
  {
    /** Conversations of these environments. */
    environmentIds: T.Optional(FilterIds),
    /** Conversations of these teams. */
    teamIds: T.Optional(FilterIds),
    /** Assigned to the socket's agent, to nobody, or either. */
    assignee: T.Optional(
      T.Union([T.Literal('me'), T.Literal('unassigned'), T.Literal('me_or_unassigned')]),
    ),
  },
  { additionalProperties: false },
);
export type InboxFilter = Static<typeof InboxFilter>;
/** Narrows (or, with `null`, widens again) the inbox events this agent socket gets. */
export const InboxFrame = T.Object({
  t: T.Literal('inbox'),
  filter: T.Union([InboxFilter, T.Null()]),
});

export const clientFrames = {
  send: SendFrame,
  subscribe: SubscribeFrame,
  unsubscribe: UnsubscribeFrame,
  typing: TypingFrame,
  read: ReadFrame,
  ping: PingFrame,
  inbox: InboxFrame,
} as const;

export const ClientFrame = T.Union(Object.values(clientFrames));
export type ClientFrame = Static<typeof ClientFrame>;
export type ClientFrameType = keyof typeof clientFrames;
export type ClientFrameOf<K extends ClientFrameType> = Static<(typeof clientFrames)[K]>;

// ---- server → client ----------------------------------------------------------------------

export const PrincipalType = T.Union([T.Literal('agent'), T.Literal('visitor')]);
export const Principal = T.Object({ type: PrincipalType, id: Id, organizationId: Id });
export type Principal = Static<typeof Principal>;

export const SenderType = T.Union([
  T.Literal('visitor'),
  T.Literal('agent'),
  T.Literal('bot'),
  T.Literal('system'),
]);
export const Sender = T.Object({ type: SenderType, id: Id, name: T.Optional(T.String()) });
export type Sender = Static<typeof Sender>;

/**
 * A file or image a message carries: its type and size were read from its bytes. `url` is a
 * signed link to the bytes, good for a while (`FLC_ATTACHMENT_LINK_TTL`): a path on the API.
 */
export const MessageAttachment = T.Object({
  id: Id,
  fileName: T.String(),
  contentType: T.String(),
  size: T.Integer({ minimum: 1 }),
  image: T.Boolean(),
  width: T.Optional(T.Integer({ minimum: 1 })),
  height: T.Optional(T.Integer({ minimum: 1 })),
  url: T.String(),
});
export type MessageAttachment = Static<typeof MessageAttachment>;

/** How a message came in when not through a socket or REST: `email`, a visitor's reply by mail. */
export const MessageVia = T.Literal('email');
export type MessageVia = Static<typeof MessageVia>;

export const ReadyFrame = T.Object({
  t: T.Literal('ready'),
  sessionId: T.String(),
  principal: Principal,
  heartbeatMs: T.Integer(),
});
export const AckFrame = T.Object({
  t: T.Literal('ack'),
  cid: T.String(),
  id: Id,
  conversationId: Id,
  seq: Seq,
  createdAt: Timestamp,
});
export const MessageFrame = T.Object({
  t: T.Literal('message'),
  /** Absent on a message; `note` on a private note (agents' sockets only). */
  kind: T.Optional(MessageKind),
  id: Id,
  conversationId: Id,
  seq: Seq,
  /**
   * The seq of the newest message before this one that is not a note, when that is not
   * `seq - 1` (a note came between): how a visitor, who never sees notes, checks continuity.
   */
  prevSeq: T.Optional(Seq),
  sender: Sender,
  body: T.String(),
  createdAt: Timestamp,
  cid: T.Optional(T.String()),
  /** The files and images it carries; absent when none. */
  attachments: T.Optional(T.Array(MessageAttachment)),
  /** `email` when the visitor wrote it as a reply by mail; absent otherwise. */
  via: T.Optional(MessageVia),
  /** When its body was last edited. */
  editedAt: T.Optional(Timestamp),
  /** When it was deleted: its body is then empty. */
  deletedAt: T.Optional(Timestamp),
  /** The conversation's change counter at its last edit or delete; absent when never changed. */
  rev: T.Optional(Seq),
});
export const SubscribedFrame = T.Object({
  t: T.Literal('subscribed'),
  conversationId: Id,
  headSeq: Seq,
  /** The conversation's last change (`rev`; 0: none yet). */
  headRev: T.Optional(Seq),
});
/** A stored message's new body: the conversation's `rev`-th change. */
export const MessageUpdatedFrame = T.Object({
  t: T.Literal('message.updated'),
  /** `note` when the message is a note (agents' sockets only). */
  kind: T.Optional(MessageKind),
  conversationId: Id,
  seq: Seq,
  rev: Seq,
  body: T.String(),
  editedAt: Timestamp,
});
/** A stored message deleted (its body emptied): the conversation's `rev`-th change. */
export const MessageDeletedFrame = T.Object({
  t: T.Literal('message.deleted'),
  kind: T.Optional(MessageKind),
  conversationId: Id,
  seq: Seq,
  rev: Seq,
  deletedAt: Timestamp,
});
export const TypingEventFrame = T.Object({
  t: T.Literal('typing'),
  conversationId: Id,
  sender: Sender,
  on: T.Boolean(),
});
export const ReadEventFrame = T.Object({
  t: T.Literal('read'),
  conversationId: Id,
  reader: Sender,
  seq: Seq,
});
export const ConversationStatus = T.Union([
  T.Literal('open'),
  T.Literal('snoozed'),
  T.Literal('closed'),
]);
export const ConversationSummary = T.Object({
  id: Id,
  status: ConversationStatus,
  assigneeId: T.Union([Id, T.Null()]),
  /** The team it belongs to (`GET /v1/teams`); null when none. */
  teamId: T.Union([Id, T.Null()]),
  contact: T.Object({ id: Id, name: T.Optional(T.Union([T.String(), T.Null()])) }),
  lastMessage: T.Union([
    T.Object({
      seq: Seq,
      body: T.String(),
      sender: Sender,
      createdAt: Timestamp,
      /** The names of the files it carries, for a preview of a message without text. */
      files: T.Optional(T.Array(T.String(), { maxItems: limits.maxAttachmentsPerMessage })),
    }),
    T.Null(),
  ]),
  unread: T.Integer({ minimum: 0 }),
  /** Where the conversation belongs and sorts in a filtered, ordered inbox. */
  environmentId: Id,
  lastSeq: Seq,
  lastActivityAt: Timestamp,
  /** A snoozed conversation opens again by itself at this time; null when not snoozed, or snoozed until the visitor writes. */
  snoozedUntil: T.Union([Timestamp, T.Null()]),
  /** The organization's labels on it, by id (names and colors: `GET /v1/labels`). */
  labelIds: T.Array(Id),
});
export const ConversationEventFrame = T.Object({
  t: T.Literal('conversation'),
  event: T.Union([T.Literal('created'), T.Literal('updated'), T.Literal('message')]),
  conversation: ConversationSummary,
});
/** The conversation's status changed: to everyone following it, the visitor included. */
export const StatusEventFrame = T.Object({
  t: T.Literal('status'),
  conversationId: Id,
  status: ConversationStatus,
});
export const PresenceFrame = T.Object({
  t: T.Literal('presence'),
  agentId: Id,
  status: T.Union([T.Literal('online'), T.Literal('away'), T.Literal('offline')]),
});
/** An agent was mentioned (`@handle`) in a note. */
export const Mention = T.Object({
  id: Id,
  conversationId: Id,
  /** The conversation's visitor, for the list of mentions. */
  contact: T.Object({ id: Id, name: T.Union([T.String(), T.Null()]) }),
  /** The note. */
  messageId: Id,
  seq: Seq,
  author: Sender,
  body: T.String(),
  createdAt: Timestamp,
  /** When the mentioned agent marked it read; null while unread. */
  readAt: T.Union([Timestamp, T.Null()]),
});
export type Mention = Static<typeof Mention>;
export const MentionFrame = T.Object({
  t: T.Literal('mention'),
  /** The mentioned agent: the socket's own. */
  agentId: Id,
  mention: Mention,
});
/**
 * Visitor sockets only: whether anyone can answer changed (an agent came online, the last one
 * left or chose away, business hours began or ended), in the boot's `availability` shape.
 */
export const AvailabilityFrame = T.Object({
  t: T.Literal('availability'),
  availability: WidgetAvailability,
});
export const PongFrame = T.Object({ t: T.Literal('pong'), ts: T.Optional(T.Number()) });
/** The socket's inbox filter is in force: every inbox event after this frame follows it. */
export const InboxSetFrame = T.Object({
  t: T.Literal('inbox'),
  filter: T.Union([InboxFilter, T.Null()]),
});
export const ErrorFrame = T.Object({
  t: T.Literal('error'),
  code: T.Union([
    T.Literal('bad_frame'),
    T.Literal('too_large'),
    T.Literal('forbidden'),
    T.Literal('not_found'),
    T.Literal('rate_limited'),
    T.Literal('plan_limit_reached'),
    T.Literal('internal'),
  ]),
  message: T.String(),
  ref: T.Optional(T.String()),
});

export const serverFrames = {
  ready: ReadyFrame,
  ack: AckFrame,
  message: MessageFrame,
  'message.updated': MessageUpdatedFrame,
  'message.deleted': MessageDeletedFrame,
  subscribed: SubscribedFrame,
  typing: TypingEventFrame,
  read: ReadEventFrame,
  conversation: ConversationEventFrame,
  status: StatusEventFrame,
  presence: PresenceFrame,
  mention: MentionFrame,
  availability: AvailabilityFrame,
  inbox: InboxSetFrame,
  pong: PongFrame,
  error: ErrorFrame,
} as const;

export const ServerFrame = T.Union(Object.values(serverFrames));
export type ServerFrame = Static<typeof ServerFrame>;
export type ServerFrameType = keyof typeof serverFrames;
export type ServerFrameOf<K extends ServerFrameType> = Static<(typeof serverFrames)[K]>;
export type ConversationStatus = Static<typeof ConversationStatus>;
export type ConversationSummary = Static<typeof ConversationSummary>;

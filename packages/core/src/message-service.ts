import { errorReporter, type Logger, logger } from '@flc/log';
import type {
  ConversationSummary,
  MessageKind,
  MessageVia,
  Sender,
  ServerFrameOf,
} from '@flc/protocol';
import { batchSpanOptions, startSpan, traced, tracingEnabled, withSpan } from '@flc/telemetry';
import { type Actor, scopeOf, senderOf } from './actor.ts';
import type { AutoAssignment } from './assignment.ts';
import type { Bus } from './bus.ts';
import type { ConversationRepository, ConversationRow } from './conversation-repository.ts';
import { ForbiddenError, InvalidRequestError } from './errors.ts';
import { uuidv7 } from './ids.ts';
import { announceMentions, type MentionRecorder } from './mentions.ts';
import { type Audience, type Message, type MessageAttachments, visibleTo } from './message.ts';
import type { MessageQuota } from './message-quota.ts';
import type { MessageRecorder, RecordOutcome } from './message-recorder.ts';
import type { MessageRange, MessageStore } from './message-store.ts';
import { recordedMessage } from './recorded-message.ts';
import { inTurn } from './turns.ts';
import type { UnpersistedMessages } from './unpersisted-messages.ts';

export interface AppendInput {
  conversationId: string;
  body: string;
  /** The sender's idempotency key; a repeated one returns the first message. */
  cid?: string | undefined;
  /** `note`: a private note of the team (never a visitor's). Default `message`. */
  kind?: MessageKind | undefined;
  /** Ids of attachments uploaded to the conversation, sent with the message. */
  attachments?: readonly string[] | undefined;
  /** The REST request's or the socket's id: the bus carries it to the persister and webhooks. */
  requestId?: string | undefined;
  /** The W3C `traceparent` of the request's span, when tracing is on: the append's parent. */
  traceparent?: string | undefined;
}

/**
 * What the platform itself says of a message, apart from what its sender gave (an
 * `AppendInput` comes from a frame or a request body, so it must never carry these).
 */
export interface AppendOrigin {
  /** `email`: a visitor's reply by mail. */
  via?: MessageVia | undefined;
}

export interface HistoryRange {
  afterSeq?: number | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

/** A message as clients see it: the wire frame's fields, without the organization the bus carries. */
export type MessageResource = Omit<Message, 'organizationId'>;

export function toMessageResource(m: Message): MessageResource {
  const { organizationId: _scope, ...resource } = m;
  return resource;
}

export type ConversationEvent = ServerFrameOf<'conversation'>['event'];

/** The inbox's summary. Unread for the team: what came after the last seq an agent read (or wrote). */
export const toSummary = (r: ConversationRow): ConversationSummary => ({
  id: r.id,
  status: r.status,
  assigneeId: r.assignee_id,
  teamId: r.team_id,
  contact: { id: r.contact_id, name: r.contact_name },
  lastMessage: r.last_message,
  unread: Math.max(0, r.last_seq - r.agent_read_seq),
  environmentId: r.environment_id,
  lastSeq: r.last_seq,
  lastActivityAt: r.last_activity_at.toISOString(),
  snoozedUntil: r.snoozed_until?.toISOString() ?? null,
  labelIds: r.label_ids,
});

const SUMMARY_ID = '"conversation":{"id":"';

/**
 * The conversation an inbox event (`announce`'s frame) is about, read without parsing the frame;
 * null for any other frame on the inbox topic (presence, mentions).
 */
export function inboxEventConversation(frame: string): string | null {
  if (!frame.startsWith('{"t":"conversation",')) return null;
  const at = frame.indexOf(SUMMARY_ID);
  if (at < 0) return null;
  const start = at + SUMMARY_ID.length;
  const end = frame.indexOf('"', start);
  return end < 0 ? null : frame.slice(start, end);
}

/**
 * Tells every agent of the organization (their inbox topic) that a conversation changed. The
 * frame is serialized once; the bus hands the same string to every subscriber.
 */
export function announce(
  bus: Pick<Bus, 'signal'>,
  event: ConversationEvent,
  row: ConversationRow,
): Promise<void> {
  const frame: ServerFrameOf<'conversation'> = {
    t: 'conversation',
    event,
    conversation: toSummary(row),
  };
  return bus.signal(
    { kind: 'organization', organizationId: row.organization_id },
    JSON.stringify(frame),
  );
}

/**
 * A `status` frame to everyone following the conversation, its visitor included: the widget
 * asks for a rating once it is closed.
 */
export function announceStatus(bus: Pick<Bus, 'signal'>, row: ConversationRow): Promise<void> {
  const frame: ServerFrameOf<'status'> = {
    t: 'status',
    conversationId: row.id,
    status: row.status,
  };
  return bus.signal(
    { kind: 'conversation', organizationId: row.organization_id, conversationId: row.id },
    JSON.stringify(frame),
  );
}

export interface MessageServiceOptions {
  /**
   * The plan's messages a month, spent by every message and note an agent, a visitor or an API
   * key sends (PlanLimitError past it); the platform's own messages (the away reply) are not
   * counted. Without it, nothing is counted.
   */
  quota?: Pick<MessageQuota, 'take'> | undefined;
  /**
   * The attachments messages may carry, and fresh links to them in every page of history.
   * Without it, a message naming an attachment is refused.
   */
  attachments?: MessageAttachments | undefined;
  /**
   * `write-through` (the default, and the embedded profile's): `append` stores the message and
   * moves the read model before it returns, so an ack means "on disk". `deferred` (the scaled
   * profile): `append` returns once the bus holds the message (Redis, with its append-only file)
   * and the persister worker stores it, moves the read model and tells the inbox.
   */
  persistence?: 'write-through' | 'deferred';
  /**
   * Deferred only: where history reads find what the persister has not stored yet, so a page is
   * never missing a message the bus has numbered. Without it, a page may end early or skip a
   * seq while the persister lags, and clients fetch the gap again later.
   */
  unpersisted?: UnpersistedMessages | undefined;
  /**
   * Write-through only: stores each message with its `message.created` webhook event and the
   * read model's move (and a reopen's `conversation.updated`) in one transaction; a retried cid
   * repairs an attempt that failed. Without it, the store and the repository are written one
   * after the other and no webhook event is recorded (tests on fakes). Deferred, the persister
   * records the move and the webhooks' consumer group over the bus's streams `message.created`.
   */
  recorder?: MessageRecorder | undefined;
  /**
   * Write-through only: told each time a message is in the store (also again for a retried cid),
   * so the in-memory bus may forget its cid and let the store answer a later retry.
   */
  persisted?: ((message: Message) => void) | undefined;
  /**
   * Told of each new message this process appended (not a retried cid's): the per-tenant
   * counts of `/metrics`. Without it, nothing is called.
   */
  appended?: ((message: Message) => void) | undefined;
  /**
   * Records the `@handle` mentions of notes; each new one is announced to its agent live. A
   * retried cid records again what a first attempt did not. Without it, notes mention nobody.
   */
  mentions?: MentionRecorder | undefined;
  /**
   * Write-through only: a conversation a visitor's message reopened goes through assignment at
   * once (see `AutoAssignment.reopened`). Deferred, the persister does it.
   */
  assignment?: Pick<AutoAssignment, 'reopened'> | undefined;
  /**
   * Told of each visitor message once it is appended (not of a repeated cid): the away
   * auto-reply. Its failure is logged; the visitor's message stands.
   */
  visitorWrote?: ((message: Message, environmentId?: string) => Promise<void>) | undefined;
}

/** Who reads with this actor's eyes: a visitor never sees notes. */
export const audienceOf = (actor: Pick<Actor, 'type'>): Audience =>
  actor.type === 'visitor' ? 'visitor' : 'team';

/** Messages one write-through transaction takes at most. */
const MAX_GROUP = 500;

interface Waiting {
  message: Message;
  requestId: string | undefined;
  /** The append span's, when traced: the write's span and the webhook deliveries join it. */
  traceparent: string | undefined;
  resolve(outcome: RecordOutcome | null): void;
  reject(error: unknown): void;
}

/**
 * Group commit of the write-through path, one per MessageService (one per process): a message
 * waits while a transaction is in flight, and the next one takes everything that came meanwhile. One transaction at a time also keeps the stored history
 * a prefix (see `inSeqOrder`): a later seq is never committed before an earlier one. Under load
 * a handful of statements serve hundreds of messages; alone, a message goes at once.
 */
class GroupCommit {
  private waiting: Waiting[] = [];
  private running = false;

  constructor(private readonly recorder: MessageRecorder) {}

  write(message: Message, requestId?: string, traceparent?: string): Promise<RecordOutcome | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ message, requestId, traceparent, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, MAX_GROUP);
        await this.commit(group);
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(group: Waiting[]): Promise<void> {
    let outcomes: RecordOutcome[];
    try {
      const requestIds = new Map<string, string>();
      const traceparents = new Map<string, string>();
      for (const w of group) {
        if (w.requestId) requestIds.set(w.message.id, w.requestId);
        if (w.traceparent) traceparents.set(w.message.id, w.traceparent);
      }
      const write = () =>
        this.recorder.writeThroughBatch(
          group.map((w) => w.message),
          requestIds,
          traceparents,
        );
      // One span per transaction (the database at a coarse level), only when tracing is on.
      outcomes = tracingEnabled()
        ? await traced(
            'message write-through',
            batchSpanOptions(
              group.map((w) => w.traceparent),
              { 'db.operation.batch.size': group.length },
              'internal',
            ),
            write,
          )
        : await write();
    } catch (error) {
      if (group.length === 1) return group[0]?.reject(error);
      // One message may be what fails (a conversation gone meanwhile): the others go alone.
      for (const waiting of group) await this.commit([waiting]);
      return;
    }
    // A conversation's move is announced once, with its newest message of the group.
    const newest = new Map<string, Waiting>();
    for (const w of group) {
      const seen = newest.get(w.message.conversationId);
      if (!seen || w.message.seq > seen.message.seq) newest.set(w.message.conversationId, w);
    }
    const byConversation = new Map(outcomes.map((o) => [o.row.id, o]));
    for (const w of group) {
      const isNewest = newest.get(w.message.conversationId) === w;
      w.resolve(isNewest ? (byConversation.get(w.message.conversationId) ?? null) : null);
    }
  }
}

/**
 * The one path a message takes into a conversation, whoever writes it: REST for agents, API keys
 * and visitors, and the realtime gateway's `send`. A process makes one (see the storage
 * package's `openPlatform`) and hands it to the routes and the gateway, so their writes share
 * one order per conversation and one group commit.
 */
export class MessageService {
  private readonly writing = new Map<string, Promise<unknown>>();
  private readonly group: GroupCommit | undefined;
  private readonly log: Logger = logger('messages');

  constructor(
    private readonly bus: Bus,
    private readonly store: MessageStore,
    private readonly conversations: ConversationRepository,
    private readonly options: MessageServiceOptions = {},
  ) {
    if (options.recorder) this.group = new GroupCommit(options.recorder);
  }

  /**
   * Checks the actor may write (else NotFoundError) and lets the bus give the message its seq and
   * publish it. Written through, it then goes to the store and moves the conversation's read
   * model (with their webhook events, see `recorder`); all idempotent, so a retried cid also
   * repairs a first attempt that failed after the bus took it. Deferred, the persister does the
   * same from the bus's stream.
   */
  async append(
    actor: Actor,
    input: AppendInput,
    origin: AppendOrigin = {},
  ): Promise<{ message: Message; duplicate: boolean }> {
    const conversation = await this.conversations.get(scopeOf(actor), input.conversationId);
    return this.appendChecked(actor, conversation.organization_id, input, origin);
  }

  /**
   * `append` for a caller that has already checked, itself, that the actor may write to the
   * conversation and knows its organization: the realtime gateway, once per socket and
   * conversation. The hot path of a socket `send` then has no database read.
   */
  async appendChecked(
    actor: Actor,
    organizationId: string,
    input: AppendInput,
    origin: AppendOrigin = {},
  ): Promise<{ message: Message; duplicate: boolean }> {
    const note = input.kind === 'note';
    if (note && actor.type === 'visitor') throw new ForbiddenError('Visitors cannot write notes');
    // Spent before the bus numbers it: a refused message takes no seq. A retried cid spends again.
    const spent = this.options.quota?.take(organizationId);
    if (spent) await spent;
    const appended = await this.appendAs(senderOf(actor), organizationId, input, origin);
    if (actor.type === 'visitor' && !appended.duplicate && this.options.visitorWrote) {
      const told = this.options
        .visitorWrote(appended.message, actor.environmentId)
        .catch(errorReporter('away-reply', 'the away reply failed'));
      // Written through, the reply is in place when the visitor's send returns. Deferred (a
      // realtime node), the ack does not wait for its reads: the reply follows on its own.
      if (this.options.persistence !== 'deferred') await told;
    }
    return appended;
  }

  /**
   * A message of the platform itself (`system`: the away auto-reply) in the name of the
   * conversation's environment, delivered like any other. Idempotent on `cid`.
   */
  appendSystem(input: {
    organizationId: string;
    conversationId: string;
    environmentId: string;
    body: string;
    cid: string;
  }): Promise<{ message: Message; duplicate: boolean }> {
    const sender: Sender = { type: 'system', id: input.environmentId };
    return this.appendAs(sender, input.organizationId, {
      conversationId: input.conversationId,
      body: input.body,
      cid: input.cid,
    });
  }

  /**
   * Up to `limit` of the conversation's messages (notes too) before `beforeSeq`, ascending, for
   * the platform's own decisions; the caller has checked the conversation is the organization's.
   */
  async before(
    organizationId: string,
    conversationId: string,
    beforeSeq: number,
    limit: number,
  ): Promise<MessageResource[]> {
    const conversation = { organization_id: organizationId, id: conversationId };
    return (await this.page(conversation, { beforeSeq, limit })).items;
  }

  private async appendAs(
    sender: Sender,
    organizationId: string,
    input: AppendInput,
    origin: AppendOrigin = {},
  ): Promise<{ message: Message; duplicate: boolean }> {
    const note = input.kind === 'note';
    const attachments = await this.attachmentsOf(organizationId, input);
    // With tracing off this is one check; on, the stream entry carries this span's context, so
    // the persister's and the webhooks' spans join the request's trace.
    const span = startSpan('message append', {
      parent: input.traceparent,
      kind: 'producer',
      attributes: {
        'flc.organization_id': organizationId,
        'flc.conversation_id': input.conversationId,
      },
    });
    // Run with the span active: the bus's Redis commands are its children.
    const appended = withSpan(span, () =>
      this.bus.append({
        organizationId,
        conversationId: input.conversationId,
        cid: input.cid ?? uuidv7(),
        sender,
        body: input.body,
        ...(note && { kind: 'note' as const }),
        ...(attachments.length > 0 && { attachments }),
        ...(input.requestId && { requestId: input.requestId }),
        ...(origin.via && { via: origin.via }),
        ...(span && { traceparent: span.traceparent }),
      }),
    );
    if (span) {
      appended.then(
        ({ message, duplicate }) => {
          span.setAttributes({ 'flc.message_id': message.id, 'flc.duplicate': duplicate });
          span.end();
        },
        (error: unknown) => {
          span.fail(error);
          span.end();
        },
      );
    }
    const { message, duplicate } = await appended;
    if (!duplicate) this.options.appended?.(message);
    // Per message, so only built when asked for: never the body, only where it went.
    if (this.log.isLevelEnabled('debug')) {
      this.log.debug(
        {
          requestId: input.requestId,
          organizationId,
          conversationId: message.conversationId,
          messageId: message.id,
          seq: message.seq,
          duplicate,
        },
        'message appended',
      );
    }
    if (this.options.persistence !== 'deferred') {
      const outcome = await this.writeThrough(message, input.requestId, span?.traceparent);
      this.options.persisted?.(message);
      // Announced only when the read model moved: a stale or repeated append has nothing new. A
      // visitor's message that reopened the conversation is an update of its status.
      if (outcome) await announce(this.bus, outcome.reopened ? 'updated' : 'message', outcome.row);
      // The message is stored and acked either way: the sweep gives a waiting one out later.
      if (outcome?.reopened) {
        await this.options.assignment
          ?.reopened([outcome.row])
          .catch(errorReporter('assignment', 'assigning a reopened conversation failed'));
      }
    }
    // The first message of a cid decides: a note sent again as a message is still the note.
    if (message.kind === 'note' && this.options.mentions) {
      const made = await this.options.mentions.record(message);
      await announceMentions(this.bus, organizationId, made);
    }
    return { message, duplicate };
  }

  private async attachmentsOf(organizationId: string, input: AppendInput) {
    const ids = input.attachments ?? [];
    if (ids.length === 0) {
      // The schemas let an empty body through for a message of files alone; nothing at all is
      // no message. Checked here, so REST (422) and the socket (`bad_frame`) answer alike.
      if (input.body === '') {
        throw new InvalidRequestError([
          { path: 'body', message: 'Write something or attach a file' },
        ]);
      }
      return [];
    }
    if (!this.options.attachments) {
      throw new InvalidRequestError([
        { path: 'attachments', message: 'This server takes no attachments' },
      ]);
    }
    return this.options.attachments.resolve(organizationId, input.conversationId, ids);
  }

  /** A message as a reader gets it: its attachments' links signed from now on. */
  relinked<M extends { attachments?: Message['attachments'] }>(message: M): M {
    const { attachments } = message;
    if (!attachments?.length || !this.options.attachments) return message;
    if ((message as { deletedAt?: string }).deletedAt !== undefined) {
      const { attachments: _gone, ...rest } = message;
      return rest as M;
    }
    return { ...message, attachments: this.options.attachments.relink(attachments) };
  }

  private async writeThrough(
    message: Message,
    requestId?: string,
    traceparent?: string,
  ): Promise<RecordOutcome | null> {
    if (this.group) return this.group.write(message, requestId, traceparent);
    // A conversation's write-through inserts go in seq order (`inTurn`): the bus hands out seqs
    // in order and the continuations of its appends run in that order, so queueing here at once
    // keeps the stored history a prefix. Were seq n+1 committed before seq n and the process
    // killed in between, the restarted bus would number on from n+1 and leave a hole at n.
    await inTurn(this.writing, message.conversationId, () => this.store.insert([message]));
    const row = await this.conversations.recordMessage(recordedMessage(message));
    return row && { row, reopened: false };
  }

  /**
   * A page of history in ascending seq. `hasMore` says whether more messages lie beyond the page
   * in the direction it was read: older ones with `beforeSeq`, newer ones otherwise. Deferred,
   * what the store lacks of the page is read from the bus (see `withUnpersisted`).
   */
  async history(
    actor: Actor,
    conversationId: string,
    range: HistoryRange,
  ): Promise<{ items: MessageResource[]; hasMore: boolean }> {
    const conversation = await this.conversations.get(scopeOf(actor), conversationId);
    const audience = audienceOf(actor);
    if (audience === 'team') return this.page(conversation, range);
    return this.visiblePage(conversation, range, audience);
  }

  /**
   * A page of what the audience sees: pages of the whole log, notes left out, read on past them
   * until `limit` messages (and one more, for `hasMore`) are found or the log ends. Each page is
   * a seq range of the one log, so it is as complete as the log's own pages (deferred, with what
   * the stream still holds).
   */
  private async visiblePage(
    conversation: ConversationRow,
    range: HistoryRange,
    audience: Audience,
  ): Promise<{ items: MessageResource[]; hasMore: boolean }> {
    const backwards = range.beforeSeq !== undefined;
    let found: MessageResource[] = [];
    // One more than the page: without notes in it, one read tells `hasMore` as well.
    let cursor: HistoryRange = { ...range, limit: range.limit + 1 };
    for (;;) {
      const { items, hasMore } = await this.page(conversation, cursor);
      const shown = items.filter((m) => visibleTo(audience, m));
      found = backwards ? [...shown, ...found] : [...found, ...shown];
      const edge = backwards ? items[0] : items.at(-1);
      if (found.length > range.limit || !hasMore || !edge) break;
      cursor = backwards ? { ...cursor, beforeSeq: edge.seq } : { ...cursor, afterSeq: edge.seq };
    }
    const hasMore = found.length > range.limit;
    if (hasMore) found = backwards ? found.slice(-range.limit) : found.slice(0, range.limit);
    return { items: found, hasMore };
  }

  private async page(
    conversation: Pick<ConversationRow, 'organization_id' | 'id'>,
    range: HistoryRange,
  ): Promise<{ items: MessageResource[]; hasMore: boolean }> {
    const wanted: MessageRange = {
      afterSeq: range.afterSeq,
      beforeSeq: range.beforeSeq,
      limit: range.limit + 1,
    };
    let rows = await this.store.range(conversation.organization_id, conversation.id, wanted);
    if (this.options.persistence === 'deferred' && this.options.unpersisted) {
      rows = await this.withUnpersisted(conversation, wanted, rows, this.options.unpersisted);
    }
    const hasMore = rows.length > range.limit;
    let page = rows;
    if (hasMore) page = range.beforeSeq === undefined ? rows.slice(0, -1) : rows.slice(1);
    return { items: page.map((m) => this.relinked(toMessageResource(m))), hasMore };
  }

  /**
   * Fills a stored page with what the persister has not written yet. Seqs have no gaps, so the
   * page the store would give once caught up is known from the bus's head: the seqs from the
   * page's start up to `limit` of them (newest ones below `beforeSeq` when paging back), never
   * past the head. A page the store answered whole costs nothing more; otherwise one read of the
   * head, and for any seq still missing, one scan of the stream's newest entries (the persister's
   * lag is small). What the stream no longer holds stays missing, and the SDK fetches a gap later.
   */
  private async withUnpersisted(
    conversation: Pick<ConversationRow, 'organization_id' | 'id'>,
    { afterSeq = 0, beforeSeq, limit }: MessageRange,
    rows: Message[],
    unpersisted: UnpersistedMessages,
  ): Promise<Message[]> {
    const first = rows[0]?.seq ?? 0;
    const last = rows.at(-1)?.seq ?? 0;
    const whole =
      rows.length === limit &&
      last - first + 1 === limit &&
      (beforeSeq === undefined ? first === afterSeq + 1 : last === beforeSeq - 1);
    if (whole) return rows;
    // The store is never ahead of the bus; the max only guards against a bus that lost its data.
    const head = Math.max(await this.bus.headSeq(conversation.id), last);
    const to = Math.min(head, beforeSeq === undefined ? afterSeq + limit : beforeSeq - 1);
    const from = beforeSeq === undefined ? afterSeq + 1 : Math.max(afterSeq + 1, to - limit + 1);
    const have = new Set(rows.map((m) => m.seq));
    const missing: number[] = [];
    for (let seq = from; seq <= to; seq++) if (!have.has(seq)) missing.push(seq);
    const [lo, hi] = [missing[0], missing.at(-1)];
    if (lo === undefined || hi === undefined) return rows;
    const found = await unpersisted.range(conversation.organization_id, conversation.id, lo, hi);
    const bySeq = new Map([...found, ...rows].map((m) => [m.seq, m]));
    return [...bySeq.values()]
      .filter((m) => m.seq >= from && m.seq <= to)
      .sort((a, b) => a.seq - b.seq);
  }
}

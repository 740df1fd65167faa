import { type Actor, scopeOf } from './actor.ts';
import type { Bus } from './bus.ts';
import type { ConversationRepository } from './conversation-repository.ts';
import { ConflictError, ForbiddenError, NotFoundError } from './errors.ts';
import { uuidv7 } from './ids.ts';
import { type Audience, isNote, type Message, type MessageChange } from './message.ts';
import { announce, audienceOf, toMessageResource } from './message-service.ts';
import type { MessageStore } from './message-store.ts';
import { inTurn } from './turns.ts';
import type { WebhookEventInput } from './webhooks/events.ts';

/**
 * The conversations' change counters, kept with the conversation: taking one records its
 * webhook event in the same transaction.
 */
export interface ConversationRevs {
  /** Takes the conversation's next rev, recording `event(rev)` with it (null: none). */
  next(
    organizationId: string,
    conversationId: string,
    event: (rev: number) => WebhookEventInput | null,
  ): Promise<number>;
  /** The conversation's last rev (0 before any change). */
  head(organizationId: string, conversationId: string): Promise<number>;
  /**
   * Writes a changed message's new body into the conversation's last-message preview when it
   * is that message: true when it was (the inbox is then told), false otherwise.
   */
  preview(organizationId: string, conversationId: string, message: Message): Promise<boolean>;
}

export interface MessageChangesOptions {
  /** How long after sending a visitor may still edit or delete its message. */
  visitorEditWindowMs: number;
  /** A message the persister has not stored yet is waited for this long (deferred profile). */
  storeWaitMs?: number;
}

export type ChangeEventType =
  | 'message.updated'
  | 'message.deleted'
  | 'note.updated'
  | 'note.deleted';

/** Who may change a message: whoever wrote it (a visitor within its window); managers, agents' words. */
export interface ChangeRights {
  /** Owners and admins may change any agent's message or note. */
  moderates: boolean;
}

const POLL_MS = 50;

/**
 * Edits and deletes of stored messages. A message keeps its seq; each change is the
 * conversation's next `rev`, applied to the store, recorded for webhooks and announced live on
 * the conversation's topic (`message.updated` / `message.deleted`; a note's only to agents).
 */
export class MessageChanges {
  private readonly turns = new Map<string, Promise<unknown>>();

  constructor(
    private readonly bus: Bus,
    private readonly store: MessageStore,
    private readonly conversations: ConversationRepository,
    private readonly revs: ConversationRevs,
    private readonly options: MessageChangesOptions,
  ) {}

  edit(actor: Actor, rights: ChangeRights, conversationId: string, seq: number, body: string) {
    return this.change(actor, rights, conversationId, seq, (rev, at) => ({
      rev,
      body,
      editedAt: at,
    }));
  }

  remove(actor: Actor, rights: ChangeRights, conversationId: string, seq: number) {
    return this.change(actor, rights, conversationId, seq, (rev, at) => ({ rev, deletedAt: at }));
  }

  /** The changes after `afterRev` the actor may see, and the conversation's last rev. */
  async since(actor: Actor, conversationId: string, afterRev: number) {
    const row = await this.conversations.get(scopeOf(actor), conversationId);
    return this.after(row.organization_id, conversationId, afterRev, audienceOf(actor));
  }

  /** `since` for a caller that checked the access already (a socket's subscribe). */
  async after(
    organizationId: string,
    conversationId: string,
    afterRev: number,
    audience: Audience,
  ) {
    const [changes, headRev] = await Promise.all([
      this.store.changes(organizationId, conversationId, afterRev, audience),
      this.revs.head(organizationId, conversationId),
    ]);
    return { changes, headRev };
  }

  private async change(
    actor: Actor,
    rights: ChangeRights,
    conversationId: string,
    seq: number,
    make: (rev: number, at: string) => MessageChange,
  ): Promise<Message> {
    const row = await this.conversations.get(scopeOf(actor), conversationId);
    const organizationId = row.organization_id;
    const current = await this.stored(organizationId, conversationId, seq, audienceOf(actor));
    this.authorize(actor, rights, current);
    if (current.deletedAt) throw new ConflictError('The message is deleted');
    const at = new Date().toISOString();
    const type =
      `${isNote(current) ? 'note' : 'message'}.${kindOf(make(0, at))}` as ChangeEventType;
    // One change of a conversation at a time in this process: its rev is taken, applied and
    // announced before the next one's (another process's may interleave: the store applies a
    // message's changes in rev order whatever the order they arrive in, and clients too).
    return inTurn(this.turns, conversationId, async () => {
      const rev = await this.revs.next(organizationId, conversationId, (r) => ({
        id: uuidv7(),
        type,
        organizationId,
        environmentId: row.environment_id,
        subjectId: conversationId,
        occurredAt: at,
        data: { message: toMessageResource(applied(current, make(r, at))) },
      }));
      const changed = await this.store.change(organizationId, conversationId, seq, make(rev, at));
      if (!changed) throw new NotFoundError('Message');
      await this.bus.changed(changed);
      const topic = { kind: 'conversation' as const, organizationId, conversationId };
      await this.bus.signal(topic, changeFrame(changed));
      // The inbox shows the last message's text: an edit shows there, a deleted text leaves it.
      if (await this.revs.preview(organizationId, conversationId, changed)) {
        await announce(
          this.bus,
          'updated',
          await this.conversations.get(scopeOf(actor), conversationId),
        );
      }
      return changed;
    });
  }

  /** The stored message; one the persister has not stored yet is waited for a moment. */
  private async stored(
    organizationId: string,
    conversationId: string,
    seq: number,
    audience: Audience,
  ): Promise<Message> {
    const deadline = performance.now() + (this.options.storeWaitMs ?? 3_000);
    for (;;) {
      const [found] = await this.store.range(organizationId, conversationId, {
        afterSeq: seq - 1,
        limit: 1,
      });
      if (found?.seq === seq) {
        // A visitor cannot tell a note from nothing.
        if (audience === 'visitor' && isNote(found)) throw new NotFoundError('Message');
        return found;
      }
      const numbered = seq >= 1 && seq <= (await this.bus.headSeq(conversationId));
      if (!numbered) throw new NotFoundError('Message');
      if (performance.now() > deadline) {
        throw new ConflictError('The message is not stored yet; try again in a moment');
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private authorize(actor: Actor, rights: ChangeRights, m: Message): void {
    const own = m.sender.type === actor.type && m.sender.id === actor.id;
    if (actor.type === 'visitor') {
      if (!own) throw new ForbiddenError('A visitor may change only its own messages');
      const age = Date.now() - Date.parse(m.createdAt);
      if (age > this.options.visitorEditWindowMs) {
        throw new ForbiddenError('The time to change this message has passed');
      }
      return;
    }
    if (own) return;
    if (actor.type === 'agent' && rights.moderates && m.sender.type === 'agent') return;
    throw new ForbiddenError(
      m.sender.type === 'visitor' || m.sender.type === 'system'
        ? "Only its writer may change a visitor's message, and nobody a system message"
        : 'Only its writer (or an owner or admin) may change this message',
    );
  }
}

const kindOf = (change: MessageChange) => ('body' in change ? 'updated' : 'deleted');

function applied(m: Message, change: MessageChange): Message {
  const { editedAt: _e, deletedAt: _d, ...rest } = m;
  return 'body' in change
    ? { ...rest, body: change.body, editedAt: change.editedAt, rev: change.rev }
    : { ...rest, body: '', deletedAt: change.deletedAt, rev: change.rev };
}

/**
 * The live frame of a change, serialized with `t` then `kind` first, so that a gateway tells a
 * note's change apart without parsing (`NOTE_CHANGE_PREFIXES`).
 */
export function changeFrame(m: Message): string {
  const kind = isNote(m) ? { kind: 'note' as const } : {};
  const base = { conversationId: m.conversationId, seq: m.seq, rev: m.rev ?? 0 };
  return m.deletedAt
    ? JSON.stringify({ t: 'message.deleted', ...kind, ...base, deletedAt: m.deletedAt })
    : JSON.stringify({
        t: 'message.updated',
        ...kind,
        ...base,
        body: m.body,
        editedAt: m.editedAt ?? new Date(0).toISOString(),
      });
}

/** How a note's change frame starts: a visitor's socket never gets one. */
export const NOTE_CHANGE_PREFIXES = [
  '{"t":"message.updated","kind":"note",',
  '{"t":"message.deleted","kind":"note",',
] as const;

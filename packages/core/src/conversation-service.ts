import { labelLimits } from '@flc/protocol/resources';
import { type Actor, type Scope, scopeOf } from './actor.ts';
import type { AutoAssignment } from './assignment.ts';
import type { Bus } from './bus.ts';
import type {
  ConversationRepository,
  ConversationRow,
  ConversationStatusValue,
} from './conversation-repository.ts';
import { InvalidRequestError } from './errors.ts';
import type { ConversationLabeling } from './labels.ts';
import { announce, announceStatus } from './message-service.ts';
import type { PrincipalDirectory } from './principal-directory.ts';

/** A change of a conversation's status, assignee or snooze, as a caller asks for it. */
export interface ConversationChange {
  status?: ConversationStatusValue | undefined;
  /** `null` unassigns; absent leaves the assignee as it is. */
  assigneeId?: string | null | undefined;
  /** `null` takes it out of its team; absent leaves the team as it is. */
  teamId?: string | null | undefined;
  /** With `status: 'snoozed'` only, in the future: when it opens again by itself. */
  snoozedUntil?: string | null | undefined;
}

/**
 * Where conversation changes are stored, each with its webhook event in the same transaction
 * (`conversation.created`, `conversation.updated`), so an event exists exactly when its change
 * does. Implementation: PostgreSQL.
 */
export interface ConversationChanges {
  /**
   * A new conversation of the visitor's contact, unless the contact already has `maxOpen` that
   * are not closed (LimitReachedError); concurrent opens of one contact are counted one by one.
   */
  open(
    contact: {
      id: string;
      organizationId: string;
      environmentId: string;
    },
    maxOpen: number,
  ): Promise<ConversationRow>;
  /**
   * Sets status, assignee and snooze in scope (else NotFoundError). `head` is the bus's head
   * seq as the status is set: a visitor's message numbered after it reopens the conversation.
   */
  patch(
    scope: Scope,
    id: string,
    change: {
      status?: ConversationStatusValue;
      assigneeId?: string | null;
      teamId?: string | null;
      snoozedUntil: Date | null;
    },
    head: number,
  ): Promise<ConversationRow>;
  /**
   * Opens at most `limit` snoozed conversations whose time has passed (as of `now`, else the
   * store's clock) and answers them. Safe from several processes: each wakes once.
   */
  wakeSnoozed(limit: number, now?: Date): Promise<ConversationRow[]>;
  /**
   * Puts one of the organization's labels on a conversation in scope (`on`), or takes it off,
   * with `conversation.labels_changed` when that changed anything. NotFoundError for a
   * conversation outside the scope or a label of another organization; ConflictError when the
   * conversation already carries `max` labels.
   */
  label(
    scope: Scope,
    id: string,
    labelId: string,
    on: boolean,
    max: number,
  ): Promise<ConversationLabeling>;
}

/**
 * What happens to conversations, whoever asks (the REST routes, the realtime gateway, the snooze
 * alarm): opening one, changing its status, assignee or snooze, labelling it, marking it read,
 * waking it from a snooze. Each change is stored with its webhook event and announced to the organization's
 * agents (`conversation` inbox events). Routes and the gateway only map input and output.
 */
export class ConversationService {
  constructor(
    private readonly bus: Bus,
    private readonly conversations: ConversationRepository,
    private readonly changes: ConversationChanges,
    private readonly principals: PrincipalDirectory,
    private readonly limits: {
      openConversationsPerVisitor: number;
      /** Labels one conversation carries at most (`labelLimits.perConversation` by default). */
      labelsPerConversation?: number;
    } = {
      openConversationsPerVisitor: 10,
    },
    /** Gives new and waiting conversations to agents, where the environment's policy says so. */
    private readonly assignment?: AutoAssignment,
  ) {}

  /** The conversation if the actor's scope reaches it, else NotFoundError. */
  get(actor: Actor, id: string): Promise<ConversationRow> {
    return this.conversations.get(scopeOf(actor), id);
  }

  /** A visitor opens a conversation; the agents see it arrive. */
  async open(visitor: Extract<Actor, { type: 'visitor' }> & { environmentId: string }) {
    const row = await this.changes.open(
      {
        id: visitor.id,
        organizationId: visitor.organizationId,
        environmentId: visitor.environmentId,
      },
      this.limits.openConversationsPerVisitor,
    );
    await announce(this.bus, 'created', row);
    const [assigned] = (await this.assignment?.run(row.organization_id, [row.id])) ?? [];
    return assigned ?? row;
  }

  /**
   * Agents working the inbox see the change live (`updated`), webhooks get
   * `conversation.updated`. Assigns only to an active agent of the conversation's organization;
   * `snoozedUntil` goes with `status: 'snoozed'` only, in the future (else InvalidRequestError).
   * A change of nothing answers the conversation as it is.
   */
  async change(actor: Actor, id: string, change: ConversationChange): Promise<ConversationRow> {
    const scope = scopeOf(actor);
    const snoozedUntil = this.snoozedUntil(change);
    if (
      change.status === undefined &&
      change.assigneeId === undefined &&
      change.teamId === undefined
    ) {
      return this.conversations.get(scope, id);
    }
    if (change.assigneeId) {
      const agent = await this.principals.activeAgent(change.assigneeId);
      if (agent?.organizationId !== scope.organizationId) {
        throw new InvalidRequestError([
          { path: 'body.assigneeId', message: 'Not an active agent of this organization' },
        ]);
      }
    }
    if (change.teamId) await this.checkTeam(scope.organizationId, change.teamId, change.assigneeId);
    // Where in the conversation the status is set: its messages numbered after it reopen it.
    // Asked once the scope reaches it, so the bus never keeps a counter of a foreign id.
    const head =
      change.status === undefined
        ? 0
        : await this.conversations.get(scope, id).then(() => this.bus.headSeq(id));
    const patch = {
      ...(change.status === undefined ? {} : { status: change.status }),
      ...(change.assigneeId === undefined ? {} : { assigneeId: change.assigneeId }),
      ...(change.teamId === undefined ? {} : { teamId: change.teamId }),
      snoozedUntil,
    };
    const row = await this.changes.patch(scope, id, patch, head);
    await announce(this.bus, 'updated', row);
    if (change.status !== undefined) await announceStatus(this.bus, row);
    // A slot freed (closed, unassigned) or a conversation now waits in a team: a round runs.
    if (this.assignment && (row.status !== 'open' || row.assignee_id === null)) {
      const [assigned] = await this.assignment.run(row.organization_id);
      if (assigned?.id === row.id) return assigned;
    }
    return row;
  }

  /** The team is the organization's, and the agent given with it one of its members (else 422). */
  private async checkTeam(organizationId: string, teamId: string, agentId?: string | null) {
    const members = await this.assignment?.members(organizationId, teamId);
    if (!members) {
      throw new InvalidRequestError([
        { path: 'body.teamId', message: 'Not a team of this organization' },
      ]);
    }
    if (agentId && !members.includes(agentId)) {
      throw new InvalidRequestError([
        { path: 'body.assigneeId', message: 'Not a member of the team' },
      ]);
    }
  }

  /**
   * Marks the conversation read by the actor's side, up to `seq`. Bounded by the bus, which is
   * ahead of the read model: a forged seq cannot skew unread counts, and a message read as soon
   * as it was delivered still counts as read. The team's unread count moved when an agent read:
   * every agent's inbox shows it.
   */
  async markRead(actor: Actor, id: string, seq: number): Promise<void> {
    const side = actor.type === 'visitor' ? 'visitor' : 'agent';
    // A visitor reads what it sees: up to its last message that is not a note.
    const head = await this.bus.headSeq(id, side === 'visitor' ? 'visitor' : 'team');
    const scope = scopeOf(actor);
    await this.conversations.markRead(scope, id, side, Math.min(seq, head));
    if (side === 'agent')
      await announce(this.bus, 'updated', await this.conversations.get(scope, id));
  }

  /**
   * Puts a label on the conversation (`on`) or takes it off. A change is announced to the agents
   * (`updated`, with the conversation's `labelIds`) and goes to webhooks as
   * `conversation.labels_changed`; putting on a label that is on already (or taking off one that
   * is not) changes nothing and answers the conversation as it is.
   */
  async label(actor: Actor, id: string, labelId: string, on: boolean): Promise<ConversationRow> {
    const max = this.limits.labelsPerConversation ?? labelLimits.perConversation;
    const done = await this.changes.label(scopeOf(actor), id, labelId, on, max);
    if (done.changed) await announce(this.bus, 'updated', done.row);
    return done.row;
  }

  /** Opens what is due of the snoozed conversations and tells the agents; answers how many. */
  async wakeSnoozed(
    limit: number,
    now?: Date,
    onError?: (error: unknown) => void,
  ): Promise<number> {
    const woken = await this.changes.wakeSnoozed(limit, now);
    for (const row of woken) {
      await announce(this.bus, 'updated', row).catch((error: unknown) => onError?.(error));
    }
    return woken.length;
  }

  /** A future time, and only to snooze; any other status set clears it. */
  private snoozedUntil(change: ConversationChange): Date | null {
    if (change.snoozedUntil === undefined || change.snoozedUntil === null) return null;
    const fail = (message: string) =>
      new InvalidRequestError([{ path: 'body.snoozedUntil', message }]);
    if (change.status !== 'snoozed') throw fail('Only with status `snoozed`');
    const until = new Date(change.snoozedUntil);
    if (Number.isNaN(until.getTime())) throw fail('Not a time');
    if (until.getTime() <= Date.now()) throw fail('Must be in the future');
    return until;
  }
}

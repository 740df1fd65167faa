import { errorReporter } from '@flc/log';
import type { Bus } from './bus.ts';
import type { ConversationRow } from './conversation-repository.ts';
import { announce } from './message-service.ts';
import type { PresenceRegistry } from './presence.ts';
import { startRounds } from './rounds.ts';

/** How an environment's new conversations find an agent. */
export type AssignmentMode = 'manual' | 'round_robin' | 'least_busy';

/**
 * Where assignment rounds run: the store, race-free across processes. Implementation:
 * PostgreSQL (a transaction-scoped advisory lock per organization around each round).
 */
export interface Assigner {
  /**
   * One round for the organization: its waiting conversations (open, nobody assigned, in an
   * environment whose policy assigns automatically), oldest first, each go to an online member
   * of their team (else the policy's team) below capacity, never to the agent last unassigned
   * from it by hand (until anyone is assigned to it), each with its `conversation.updated`
   * webhook event. `only` limits the round to those conversations. Answers those assigned.
   */
  assign(
    organizationId: string,
    online: ReadonlySet<string>,
    only?: readonly string[],
  ): Promise<ConversationRow[]>;
  /**
   * A round for conversations just reopened, among `ids`: where the environment assigns
   * automatically, an agent who may no longer take one (not in its team, disabled, away,
   * offline, or without room besides it) is unassigned first; then a round for `ids`. Each
   * change has its webhook event; answers the conversations changed, as they are now.
   */
  reassign(
    organizationId: string,
    online: ReadonlySet<string>,
    ids: readonly string[],
  ): Promise<ConversationRow[]>;
  /** Organizations with conversations waiting for an agent, at most `limit`. */
  waitingOrganizations(limit: number): Promise<string[]>;
  /**
   * Whether the organization has a conversation waiting for an agent: read without the round's
   * lock, so an agent coming online starts a round only when there is something to give.
   */
  hasWaiting(organizationId: string): Promise<boolean>;
  /**
   * Unassigns the agent's conversations that are not closed (the agent was disabled), each with
   * its webhook event; answers them.
   */
  release(organizationId: string, agentId: string): Promise<ConversationRow[]>;
  /** The team's members (agent ids), or null when the organization has no such team. */
  members(organizationId: string, teamId: string): Promise<string[] | null>;
}

/**
 * Automatic assignment: runs rounds when a conversation needs an agent (opened, reopened,
 * unassigned, a slot freed, an agent disabled or back online) and tells the agents what was assigned (`conversation`
 * inbox events, `updated`). Presence decides who is online; the store decides the rest.
 */
export class AutoAssignment {
  constructor(
    private readonly bus: Bus,
    private readonly assigner: Assigner,
    private readonly presence: Pick<PresenceRegistry, 'online'>,
  ) {}

  /** One round for the organization (or for `only` of its conversations); answers those assigned. */
  async run(organizationId: string, only?: readonly string[]): Promise<ConversationRow[]> {
    const online = await this.presence.online(organizationId);
    const rows = await this.assigner.assign(organizationId, online, only);
    for (const row of rows) await announce(this.bus, 'updated', row);
    return rows;
  }

  /**
   * An agent of the organization came online: a round when something waits. A conversation that
   * starts waiting after the check has a round of its own, which sees this agent online.
   */
  async cameOnline(organizationId: string): Promise<ConversationRow[]> {
    if (!(await this.assigner.hasWaiting(organizationId))) return [];
    return this.run(organizationId);
  }

  /**
   * Conversations a visitor's message just reopened: each keeps its agent while they are still a
   * member of its team, online and below capacity; else it goes to another (see
   * `Assigner.reassign`) or waits in the team. Tells the agents of every change.
   */
  async reopened(rows: readonly ConversationRow[]): Promise<ConversationRow[]> {
    const byOrganization = new Map<string, string[]>();
    for (const row of rows) {
      byOrganization.set(row.organization_id, [
        ...(byOrganization.get(row.organization_id) ?? []),
        row.id,
      ]);
    }
    const changed: ConversationRow[] = [];
    for (const [organizationId, ids] of byOrganization) {
      const online = await this.presence.online(organizationId);
      changed.push(...(await this.assigner.reassign(organizationId, online, ids)));
    }
    for (const row of changed) await announce(this.bus, 'updated', row);
    return changed;
  }

  /** The team's members, or null when the organization has no such team. */
  members(organizationId: string, teamId: string): Promise<string[] | null> {
    return this.assigner.members(organizationId, teamId);
  }

  /** Unassigns a disabled agent's conversations and puts them through assignment again. */
  async release(organizationId: string, agentId: string): Promise<void> {
    const released = await this.assigner.release(organizationId, agentId);
    for (const row of released) await announce(this.bus, 'updated', row);
    await this.run(organizationId);
  }

  /** Rounds for every organization with waiting conversations; answers how many were assigned. */
  async sweep(): Promise<number> {
    let total = 0;
    for (const organizationId of await this.assigner.waitingOrganizations(1_000)) {
      total += (await this.run(organizationId)).length;
    }
    return total;
  }
}

/**
 * Sweeps waiting conversations every few seconds (an agent came online, a slot freed elsewhere).
 * Any number of processes may run one: the store serializes the rounds of an organization.
 */
export function startAssignmentSweep(
  assignment: Pick<AutoAssignment, 'sweep'>,
  options: { everyMs?: number; onError?: (error: unknown) => void } = {},
) {
  const onError = options.onError ?? errorReporter('assignment', 'the assignment sweep failed');
  return startRounds(() => assignment.sweep(), 0, options.everyMs ?? 5_000, onError);
}

import {
  announceRevoked,
  type Budget,
  type Bus,
  type PresenceRegistry,
  type RateLimiter,
} from '@flc/core';
import type { AgentCreate, AgentPatch, Invitation } from '@flc/protocol/resources';
import type { AuditContext, JsonValue, Sql, TransactionSql } from '@flc/storage/postgres';
import { inScope, isUniqueViolation, recordAudit } from '@flc/storage/postgres';
import {
  type AgentRow,
  agentColumns,
  normalizeEmail,
  toAgent,
  withPresence,
} from '../../domain/agent.ts';
import { spend } from '../../lib/budgets.ts';
import { conflict, forbidden, notFound, unauthorized } from '../../lib/errors.ts';
import type { Role } from '../../lib/models.ts';
import { decodeCursor, toPage } from '../../lib/pagination.ts';
import type { PlanGuard } from '../../lib/plan-guard.ts';
import { newId } from '../../lib/secrets.ts';
import type { AgentPrincipal } from '../../plugins/auth.ts';
import { createInvitation } from '../auth/invitations.ts';
import { deliverInvitation, type InvitationMail, type Issued } from './invitation-delivery.ts';

/** The email is already an agent of this organization (invited or joined). */
const isInOrganization = (e: unknown) => isUniqueViolation(e, 'agents_organization_email_key');

const isManager = (role: Role) => role === 'owner' || role === 'admin';

/** Admins manage admins and agents; anything that touches the owner role is the owners' call. */
function assertMayManageOwners(actorRole: Role, touchesOwner: boolean): void {
  if (touchesOwner && actorRole !== 'owner') throw forbidden('Only an owner can manage owners');
}

/** An event about `agent`, named by its name and email as they were. */
const record = (
  tx: TransactionSql,
  audit: AuditContext,
  agent: AgentRow,
  action: string,
  details: Record<string, JsonValue> = {},
) =>
  recordAudit(tx, {
    ...audit,
    organizationId: agent.organization_id,
    action,
    target: { type: 'agent', id: agent.id },
    details: { name: agent.name, email: agent.email, ...details },
  });

const lastOwner = () =>
  conflict('The organization must keep at least one active owner; promote another one first');

export interface AgentServiceOptions {
  inviteTtlSeconds: number;
  presence: PresenceRegistry;
  bus: Pick<Bus, 'signal'>;
  limiter: RateLimiter;
  /** Invitations issued per organization (`FLC_INVITES_PER_ORG_PER_HOUR`); null: no limit. */
  inviteBudget: Budget | null;
  /** Absent: no mail, the inviter gets the token to pass on. */
  mail?: InvitationMail;
  /** The tenant's plan: its `agents` limit holds for invitations and for enabling an agent. */
  plans: PlanGuard;
}

/**
 * Agents of one organization. Every query is scoped by organization, so another tenant's id
 * reads as unknown (404). Writes run in a transaction that locks the organization row: the
 * "at least one active owner" rule is checked and applied with no concurrent change in between.
 *
 * Inviting never looks at other organizations: an address with an account elsewhere is invited
 * like a fresh one (same answer, same work), and only its invitee learns of the clash, on
 * accepting (`AuthService.acceptInvite`).
 */
export class AgentService {
  private readonly presence: PresenceRegistry;

  constructor(
    private readonly sql: Sql,
    private readonly options: AgentServiceOptions,
  ) {
    this.presence = options.presence;
  }

  async list(organizationId: string, limit: number, cursor: string | undefined) {
    const after = decodeCursor(cursor);
    const rows = await this.sql<AgentRow[]>`
      select ${this.sql.unsafe(agentColumns)} from agents
      where ${inScope(this.sql, { organizationId })} ${after ? this.sql`and id > ${after}` : this.sql``}
      order by id limit ${limit + 1}`;
    const online = await this.presence.online(organizationId);
    return toPage(rows, limit, (row) => withPresence(toAgent(row), row, online));
  }

  async get(organizationId: string, id: string) {
    const [row] = await this.sql<AgentRow[]>`
      select ${this.sql.unsafe(agentColumns)} from agents
      where id = ${id} and ${inScope(this.sql, { organizationId })}`;
    if (!row) throw notFound('Agent');
    return withPresence(toAgent(row), row, await this.presence.online(organizationId));
  }

  /** Creates the agent as 'invited', without a password, and its first invitation. */
  async invite(
    actor: AgentPrincipal,
    audit: AuditContext,
    input: AgentCreate,
  ): Promise<Invitation> {
    await this.spendInvitation(actor);
    const room = await this.options.plans.room(actor.organizationId, 'agents', true);
    try {
      const issued = await this.write(actor, async (tx, actorRole, organizationName) => {
        assertMayManageOwners(actorRole, input.role === 'owner');
        await room(tx);
        const [row] = await tx<AgentRow[]>`
          insert into agents (id, organization_id, email, name, role, status)
          values (${newId()}, ${actor.organizationId}, ${normalizeEmail(input.email)},
                  ${input.name}, ${input.role}, 'invited')
          returning ${tx.unsafe(agentColumns)}`;
        if (!row) throw new Error('insert into agents returned no row');
        await record(tx, audit, row, 'agent.invited', { role: row.role, delivery: this.delivery });
        return this.newInvitation(tx, actor, row, organizationName);
      });
      return deliverInvitation(this.options.mail, issued);
    } catch (e) {
      // Only this organization's own agents count: whether the address has an account in
      // another organization is not for this one to learn.
      if (isInOrganization(e)) {
        throw conflict('An agent of your organization already has this email');
      }
      throw e;
    }
  }

  /** A fresh token for an agent that has not accepted yet; its earlier tokens stop working. */
  async reinvite(actor: AgentPrincipal, audit: AuditContext, id: string): Promise<Invitation> {
    await this.spendInvitation(actor);
    const issued = await this.write(actor, async (tx, actorRole, organizationName) => {
      const target = await this.target(tx, actor.organizationId, id);
      assertMayManageOwners(actorRole, target.role === 'owner');
      if (target.status !== 'invited') throw conflict('This agent has already joined');
      // Expired rather than deleted, so who invited whom and when stays on record.
      await tx`
        update invitations set expires_at = now()
        where agent_id = ${id} and accepted_at is null and expires_at > now()`;
      await record(tx, audit, target, 'agent.reinvited', {
        role: target.role,
        delivery: this.delivery,
      });
      return this.newInvitation(tx, actor, target, organizationName);
    });
    return deliverInvitation(this.options.mail, issued);
  }

  /** A disabled agent's open sockets are closed on every node (see `announceRevoked`). */
  async update(actor: AgentPrincipal, audit: AuditContext, id: string, patch: AgentPatch) {
    const room =
      patch.status === 'active'
        ? await this.options.plans.room(actor.organizationId, 'agents', true)
        : undefined;
    const agent = await this.write(actor, async (tx, actorRole) => {
      const target = await this.target(tx, actor.organizationId, id);
      // A disabled agent enabled again takes a seat of the plan once more.
      if (room && target.status === 'disabled') await room(tx);
      assertMayManageOwners(actorRole, target.role === 'owner' || patch.role === 'owner');
      if (patch.status && target.status === 'invited') {
        // Active needs a password, which only accepting sets; a pending invite is cancelled
        // by deleting the agent, which leaves no half-joined account behind.
        throw conflict('An invited agent joins by accepting its invitation, or is deleted');
      }
      const losesOwner =
        (patch.role !== undefined && patch.role !== 'owner') || patch.status === 'disabled';
      if (losesOwner) await this.assertAnotherOwner(tx, target);
      const [row] = await tx<AgentRow[]>`
        update agents set role = coalesce(${patch.role ?? null}, role),
          status = coalesce(${patch.status ?? null}, status), updated_at = now()
        where id = ${id} and ${inScope(tx, { organizationId: actor.organizationId })}
        returning ${tx.unsafe(agentColumns)}`;
      if (!row) throw notFound('Agent');
      if (patch.status === 'disabled') {
        // Access tokens die on their own (auth re-reads the agent); refresh tokens must too.
        await tx`
          update refresh_token_families set revoked_at = now(), revoked_reason = 'disabled'
          where agent_id = ${id} and revoked_at is null`;
      }
      if (row.role !== target.role) {
        await record(tx, audit, row, 'agent.role_changed', {
          role: { before: target.role, after: row.role },
        });
      }
      if (row.status !== target.status) {
        const action = row.status === 'disabled' ? 'agent.disabled' : 'agent.enabled';
        await record(tx, audit, row, action);
      }
      return toAgent(row);
    });
    if (patch.status === 'disabled') await announceRevoked(this.options.bus, { agentId: id });
    return agent;
  }

  /** Its sessions and invitations go with it (foreign keys cascade), its sockets too. */
  async remove(actor: AgentPrincipal, audit: AuditContext, id: string): Promise<void> {
    await this.write(actor, async (tx, actorRole) => {
      const target = await this.target(tx, actor.organizationId, id);
      assertMayManageOwners(actorRole, target.role === 'owner');
      await this.assertAnotherOwner(tx, target);
      await record(tx, audit, target, 'agent.removed', { role: target.role });
      await tx`delete from agents where id = ${id} and ${inScope(tx, { organizationId: actor.organizationId })}`;
    });
    await announceRevoked(this.options.bus, { agentId: id });
  }

  /**
   * Runs a manager's write with the organization row locked. The actor's role is read again
   * under the lock: a role changed by a concurrent request is the one that counts.
   */
  private async write<T>(
    actor: AgentPrincipal,
    fn: (tx: TransactionSql, actorRole: Role, organizationName: string) => Promise<T>,
  ): Promise<T> {
    if (!isManager(actor.role)) throw forbidden();
    const result = await this.sql.begin(async (tx) => {
      const [me] = await tx<{ role: Role; organization_name: string }[]>`
        select a.role, o.name as organization_name from organizations o
        join agents a on a.organization_id = o.id
        where o.id = ${actor.organizationId} and a.id = ${actor.id} and a.status = 'active'
        for update of o`;
      if (!me) throw unauthorized('This account is no longer active');
      if (!isManager(me.role)) throw forbidden();
      return fn(tx, me.role, me.organization_name);
    });
    // `begin` would unwrap an array of promises; no callback here returns an array, so its
    // result is exactly the callback's value.
    return result as T;
  }

  private async target(tx: TransactionSql, organizationId: string, id: string) {
    const [row] = await tx<AgentRow[]>`
      select ${tx.unsafe(agentColumns)} from agents
      where id = ${id} and ${inScope(tx, { organizationId })}`;
    if (!row) throw notFound('Agent');
    return row;
  }

  /** Throws when `target` is the organization's only active owner. */
  private async assertAnotherOwner(tx: TransactionSql, target: AgentRow): Promise<void> {
    if (target.role !== 'owner' || target.status !== 'active') return;
    const [other] = await tx`
      select 1 from agents
      where ${inScope(tx, { organizationId: target.organization_id })} and role = 'owner'
        and status = 'active' and id <> ${target.id}
      limit 1`;
    if (!other) throw lastOwner();
  }

  /** How this server's invitations travel: by its mail, or through the inviter. */
  private get delivery(): Invitation['delivery'] {
    return this.options.mail ? 'email' : 'link';
  }

  /**
   * A slot of the organization's invitation budget (a 429 past it), taken once the actor may
   * invite at all: a plain agent's refused attempts do not spend the managers' budget.
   */
  private async spendInvitation(actor: AgentPrincipal): Promise<void> {
    if (!isManager(actor.role)) throw forbidden();
    await spend(this.options.limiter, this.options.inviteBudget, actor.organizationId);
  }

  /** Issues the agent's invitation, in the transaction that records it. */
  private async newInvitation(
    tx: TransactionSql,
    actor: AgentPrincipal,
    row: AgentRow,
    organizationName: string,
  ): Promise<Issued> {
    const { token, expiresAt } = await createInvitation(tx, {
      organizationId: actor.organizationId,
      agentId: row.id,
      invitedBy: actor.id,
      ttlSeconds: this.options.inviteTtlSeconds,
    });
    return { row, token, expiresAt, organizationName, inviterName: actor.name };
  }
}

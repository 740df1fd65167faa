import type { Agent } from '@flc/protocol/resources';
import type { AuditOrigin, Queryable, Sql } from '@flc/storage/postgres';
import { isUniqueViolation, recordAudit } from '@flc/storage/postgres';
import { type AgentRow, agentColumns, normalizeEmail, toAgent } from '../../domain/agent.ts';
import {
  type OrganizationRow,
  organizationColumns,
  toOrganization,
} from '../../domain/organization.ts';
import { ApiError, conflict, unauthorized } from '../../lib/errors.ts';
import { hashSecret, newId, randomToken } from '../../lib/secrets.ts';

const hashPassword = (password: string) => Bun.password.hash(password, { algorithm: 'argon2id' });

// Verifying against a fixed hash when the email is unknown keeps both answers equally slow.
let decoyHash: Promise<string> | undefined;
const decoy = () => {
  decoyHash ??= hashPassword(crypto.randomUUID());
  return decoyHash;
};

const isJoinedEmailTaken = (e: unknown) => isUniqueViolation(e, 'agents_joined_email_key');

/** Said only to whoever holds the invitation's token: the invitee, at the address invited. */
const emailInUse = () =>
  new ApiError(
    409,
    'email_in_use',
    'This email address already belongs to an account in another organization, and one address can belong to one organization only. Ask the person who invited you for an invitation to another address.',
  );

export interface RefreshOwner {
  agentId: string;
  organizationId: string;
}

export class AuthService {
  constructor(
    private readonly sql: Sql,
    private readonly refreshTtlSeconds: number,
  ) {}

  async signup(
    input: { organizationName: string; name: string; email: string; password: string },
    origin: AuditOrigin,
  ) {
    const passwordHash = await hashPassword(input.password);
    const orgId = newId();
    const agentId = newId();
    try {
      return await this.sql.begin(async (tx) => {
        const [org] = await tx<OrganizationRow[]>`
          insert into organizations (id, name) values (${orgId}, ${input.organizationName})
          returning ${tx.unsafe(organizationColumns)}`;
        const [agent] = await tx<AgentRow[]>`
          insert into agents (id, organization_id, email, name, role, status, password_hash)
          values (${agentId}, ${orgId}, ${normalizeEmail(input.email)}, ${input.name}, 'owner',
                  'active', ${passwordHash})
          returning ${tx.unsafe(agentColumns)}`;
        if (!org || !agent) throw new Error('signup insert returned no row');
        await recordAudit(tx, {
          actor: { kind: 'agent', id: agent.id, label: agent.name },
          origin,
          organizationId: orgId,
          action: 'organization.created',
          target: { type: 'organization', id: orgId },
          details: { name: org.name, ownerEmail: agent.email },
        });
        return { organization: toOrganization(org), agent: toAgent(agent) };
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('An account with this email already exists');
      throw e;
    }
  }

  /**
   * Signs an active agent in: its new session and `auth.login.succeeded` in one transaction.
   * A wrong password for an agent's email, or the right one for an agent that is not active,
   * is recorded as `auth.login.failed` in that agent's organization; an unknown email is not
   * recorded anywhere a tenant can read. Null when the sign-in fails.
   */
  async login(
    email: string,
    password: string,
    origin: AuditOrigin,
    /**
     * Refuses (throws) a right password that may not sign in here (single sign-on enforced), or
     * holds the session back ('hold') for a second step (two-factor): then no session starts
     * and the answer's `refreshToken` is null.
     */
    gate: (agent: Agent) => Promise<'hold' | 'go' | undefined> = async () => undefined,
  ) {
    // Joined accounts only: an invitation has no password, and one of another organization must
    // neither shadow the account nor see its failed sign-ins.
    const [row] = await this.sql<(AgentRow & { password_hash: string | null })[]>`
      select ${this.sql.unsafe(agentColumns)}, password_hash from agents
      where lower(email) = ${normalizeEmail(email)} and status <> 'invited'`;
    const ok = await Bun.password.verify(password, row?.password_hash ?? (await decoy()));
    if (!row) return null;
    if (!ok || row.status !== 'active') {
      await recordAudit(this.sql, {
        actor: { kind: 'anonymous', id: null, label: 'Unauthenticated caller' },
        origin,
        organizationId: row.organization_id,
        action: 'auth.login.failed',
        target: { type: 'agent', id: row.id },
        details: {
          email: row.email,
          reason: ok ? `account_${row.status}` : 'wrong_password',
        },
      });
      return null;
    }
    const agent = toAgent(row);
    if ((await gate(agent)) === 'hold') return { agent, refreshToken: null };
    return { agent, refreshToken: await this.completeLogin(agent, origin) };
  }

  /** The session of a sign-in, and `auth.login.succeeded`, in one transaction. */
  async completeLogin(
    agent: Agent,
    origin: AuditOrigin,
    details: Record<string, string> = {},
  ): Promise<string> {
    return this.sql.begin(async (tx) => {
      await recordAudit(tx, {
        actor: { kind: 'agent', id: agent.id, label: agent.name },
        origin,
        organizationId: agent.organizationId,
        action: 'auth.login.succeeded',
        target: { type: 'agent', id: agent.id },
        details: { email: agent.email, ...details },
      });
      return this.startFamily(agent.id, tx);
    });
  }

  /** An active agent, for a session that a second step (two-factor) completes. */
  async agent(agentId: string) {
    const [row] = await this.sql<AgentRow[]>`
      select ${this.sql.unsafe(agentColumns)} from agents
      where id = ${agentId} and status = 'active'`;
    if (!row) throw unauthorized('This account is no longer active');
    return toAgent(row);
  }

  /** Checked like at login when an agent turns two-factor off with the password. */
  async passwordHash(agentId: string): Promise<string | null> {
    const [row] = await this.sql<{ password_hash: string | null }[]>`
      select password_hash from agents where id = ${agentId} and status = 'active'`;
    return row?.password_hash ?? null;
  }

  /** Starts a new refresh-token family (one per login) and returns its first token. */
  async startFamily(agentId: string, sql: Queryable = this.sql): Promise<string> {
    const familyId = newId();
    await sql`insert into refresh_token_families (id, agent_id) values (${familyId}, ${agentId})`;
    return this.issue(familyId, sql);
  }

  /**
   * Spends a refresh token and returns the next one of its family. A token can be spent once:
   * presenting it again means it leaked, so the whole family is revoked.
   */
  /**
   * Whether a refresh token belongs to an agent of a suspended organization: asked before
   * `rotate`, so the token stays unspent and works again once the organization is resumed.
   */
  async ofSuspendedOrganization(token: string): Promise<boolean> {
    const [row] = await this.sql`
      select 1 from refresh_tokens t
      join refresh_token_families f on f.id = t.family_id
      join agents a on a.id = f.agent_id
      join organizations o on o.id = a.organization_id
      where t.token_hash = ${hashSecret(token)} and o.suspended_at is not null`;
    return row !== undefined;
  }

  async rotate(
    token: string,
    origin: AuditOrigin,
  ): Promise<RefreshOwner & { refreshToken: string }> {
    const hash = hashSecret(token);
    const [spent] = await this.sql<{ family_id: string }[]>`
      update refresh_tokens set used_at = now()
      where token_hash = ${hash} and used_at is null and expires_at > now()
      returning family_id`;
    if (!spent) {
      await this.sql.begin(async (tx) => {
        const [reused] = await tx<{ agent_id: string }[]>`
          update refresh_token_families set revoked_at = now(), revoked_reason = 'reuse'
          where revoked_at is null
            and id = (select family_id from refresh_tokens where token_hash = ${hash} and used_at is not null)
          returning agent_id`;
        const [agent] = reused
          ? await tx<AgentRow[]>`
              select ${tx.unsafe(agentColumns)} from agents where id = ${reused.agent_id}`
          : [];
        if (!agent) return;
        // A spent token presented again leaked somewhere: the session it belonged to is over.
        await recordAudit(tx, {
          actor: { kind: 'anonymous', id: null, label: 'Unauthenticated caller' },
          origin,
          organizationId: agent.organization_id,
          action: 'auth.refresh_token.reused',
          target: { type: 'agent', id: agent.id },
          details: { email: agent.email },
        });
      });
      throw unauthorized('Invalid refresh token');
    }
    const [owner] = await this.sql<{ agent_id: string; organization_id: string }[]>`
      select a.id as agent_id, a.organization_id from refresh_token_families f
      join agents a on a.id = f.agent_id
      where f.id = ${spent.family_id} and f.revoked_at is null and a.status = 'active'`;
    if (!owner) throw unauthorized('Invalid refresh token');
    return {
      agentId: owner.agent_id,
      organizationId: owner.organization_id,
      refreshToken: await this.issue(spent.family_id),
    };
  }

  /** Ends the session the token belongs to; unknown tokens are ignored (logout is idempotent). */
  async logout(token: string): Promise<void> {
    await this.sql`
      update refresh_token_families set revoked_at = now(), revoked_reason = 'logout'
      where revoked_at is null
        and id = (select family_id from refresh_tokens where token_hash = ${hashSecret(token)})`;
  }

  async acceptInvite(
    token: string,
    password: string,
    name: string | undefined,
    origin: AuditOrigin,
  ) {
    const passwordHash = await hashPassword(password);
    try {
      return await this.joinByInvitation(token, passwordHash, name, origin);
    } catch (e) {
      if (isJoinedEmailTaken(e)) throw emailInUse();
      throw e;
    }
  }

  /**
   * Spends the invitation and activates its agent in one transaction. Activating collides with
   * the unique index of joined emails when the email joined elsewhere in the meantime, also when
   * that happens concurrently: of two acceptances of one email, the second waits for the first
   * and fails once it commits. The failed one rolls back, its invitation unspent.
   */
  private joinByInvitation(
    token: string,
    passwordHash: string,
    name: string | undefined,
    origin: AuditOrigin,
  ) {
    return this.sql.begin(async (tx) => {
      const [inv] = await tx<{ agent_id: string }[]>`
        update invitations set accepted_at = now()
        where token_hash = ${hashSecret(token)} and accepted_at is null and expires_at > now()
        returning agent_id`;
      if (!inv) throw unauthorized('This invitation is invalid, used or expired');
      const [agent] = await tx<AgentRow[]>`
        update agents set status = 'active', password_hash = ${passwordHash},
          name = coalesce(${name ?? null}, name), updated_at = now()
        where id = ${inv.agent_id} and status = 'invited'
        returning ${tx.unsafe(agentColumns)}`;
      if (!agent) throw unauthorized('This invitation is invalid, used or expired');
      await recordAudit(tx, {
        actor: { kind: 'agent', id: agent.id, label: agent.name },
        origin,
        organizationId: agent.organization_id,
        action: 'agent.joined',
        target: { type: 'agent', id: agent.id },
        details: { email: agent.email, role: agent.role },
      });
      return toAgent(agent);
    });
  }

  private async issue(familyId: string, sql: Queryable = this.sql): Promise<string> {
    const token = randomToken('flc_rt_', 32);
    await sql`
      insert into refresh_tokens (id, family_id, token_hash, expires_at)
      values (${newId()}, ${familyId}, ${hashSecret(token)},
              now() + make_interval(secs => ${this.refreshTtlSeconds}))`;
    return token;
  }
}

import { announceRevoked, type Budget, type Bus, type RateLimiter } from '@flc/core';
import type { AuditContext, Queryable, Sql } from '@flc/storage/postgres';
import { inScope, recordAudit } from '@flc/storage/postgres';
import { generateSecret, generateURI } from 'otplib';
import { spend } from '../../lib/budgets.ts';
import { ApiError, conflict, forbidden, notFound } from '../../lib/errors.ts';
import { hashSecret } from '../../lib/secrets.ts';
import type { AgentPrincipal } from '../../plugins/auth.ts';
import { openSecret, sealSecret } from './secret-box.ts';
import { acceptedStep } from './totp.ts';

const ISSUER = 'Fast Light Chat';
const RECOVERY_CODES = 10;

/** A wrong second factor: 401 at sign-in, 422 where a signed-in agent confirms an action. */
export const wrongCode = (status: 401 | 422, field: 'code' | 'recoveryCode' | 'password') =>
  new ApiError(status, status === 401 ? 'unauthorized' : 'validation', 'Wrong or used code', [
    {
      path: `body.${field}`,
      message: field === 'password' ? 'Wrong password' : 'Wrong or used code',
    },
  ]);

/** The agent a two-factor action is about. */
export interface Subject {
  id: string;
  organizationId: string;
}

/** One entry of the organization's audit log, in the transaction of the change. */
const record = (
  tx: Queryable,
  audit: AuditContext,
  agent: Subject,
  action: string,
  details?: Record<string, string>,
) =>
  recordAudit(tx, {
    ...audit,
    organizationId: agent.organizationId,
    action,
    target: { type: 'agent', id: agent.id },
    details,
  });

/** What an agent's sign-in needs after the password. */
export type SecondStep = 'code' | 'enrol' | 'none';

export type Proof = { code: string } | { recoveryCode: string } | { password: string };

interface Row {
  secret_ciphertext: string;
  enabled_at: Date | null;
  last_time_step: string | null;
}

/** `xxxxx-xxxxx` in Crockford's base32 (no i, l, o, u): 50 random bits each. */
function recoveryCode(): string {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  const letters = [...bytes].map((b) => alphabet[b % 32] ?? 'a');
  return `${letters.slice(0, 5).join('')}-${letters.slice(5).join('')}`;
}
/** Fresh recovery codes, and their rows (hashed) for `agent_recovery_codes`. */
function recoveryCodes(agentId: string) {
  const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
  const rows = codes.map((c) => ({
    agent_id: agentId,
    code_hash: hashSecret(normalizeRecovery(c)),
  }));
  return { codes, rows };
}

const normalizeRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * TOTP two-factor of agents: enrolment, codes (each accepted once), single-use recovery codes,
 * and a failure budget per agent shared by every place a code or password is checked here.
 */
export class TwoFactorService {
  constructor(
    private readonly sql: Sql,
    private readonly jwtSecret: string,
    private readonly limiter: RateLimiter,
    private readonly failures: Budget | null,
    private readonly bus: Pick<Bus, 'signal'>,
  ) {}

  async status(agentId: string) {
    const [row] = await this.sql<{ enabled_at: Date | null; left: number }[]>`
      select f.enabled_at,
        (select count(*)::int from agent_recovery_codes r
         where r.agent_id = f.agent_id and r.used_at is null) as left
      from agent_two_factor f where f.agent_id = ${agentId} and f.enabled_at is not null`;
    return {
      enabled: row !== undefined,
      enabledAt: row?.enabled_at?.toISOString() ?? null,
      recoveryCodesLeft: row?.left ?? 0,
    };
  }

  /** Enabled → a code; none but required by the organization → enrolment first. */
  async secondStep(agentId: string): Promise<SecondStep> {
    const [row] = await this.sql<{ enabled: boolean; required: boolean }[]>`
      select exists (select 1 from agent_two_factor f
                     where f.agent_id = a.id and f.enabled_at is not null) as enabled,
        o.require_two_factor as required
      from agents a join organizations o on o.id = a.organization_id where a.id = ${agentId}`;
    if (row?.enabled) return 'code';
    return row?.required ? 'enrol' : 'none';
  }

  /** A new secret waiting for its first code; replaces an earlier unconfirmed one. */
  async start(agentId: string) {
    const [agent] = await this.sql<
      { email: string }[]
    >`select email from agents where id = ${agentId}`;
    if (!agent) throw notFound('Agent');
    const { email } = agent;
    const secret = generateSecret();
    const sealed = await sealSecret(this.jwtSecret, agentId, secret);
    const [row] = await this.sql`
      insert into agent_two_factor (agent_id, secret_ciphertext) values (${agentId}, ${sealed})
      on conflict (agent_id) do update set secret_ciphertext = excluded.secret_ciphertext,
        last_time_step = null, created_at = now()
        where agent_two_factor.enabled_at is null
      returning agent_id`;
    if (!row) throw conflict('Two-factor sign-in is already on; turn it off first');
    return { secret, otpauthUri: generateURI({ issuer: ISSUER, label: email, secret }) };
  }

  /** Turns two-factor on with the first code from the app; answers the recovery codes (once). */
  async confirm(agent: Subject, audit: AuditContext, code: string): Promise<string[]> {
    const agentId = agent.id;
    const [row] = await this.sql<Row[]>`
      select secret_ciphertext, enabled_at, last_time_step from agent_two_factor
      where agent_id = ${agentId}`;
    if (!row || row.enabled_at) {
      throw conflict(row ? 'Two-factor sign-in is already on' : 'Start enrolment first');
    }
    if (!(await this.checked(agentId, () => this.acceptCode(agentId, row, code)))) {
      throw wrongCode(422, 'code');
    }
    return this.sql.begin(async (tx) => {
      await tx`update agent_two_factor set enabled_at = now() where agent_id = ${agentId}`;
      const { codes, rows } = recoveryCodes(agentId);
      await tx`insert into agent_recovery_codes ${tx(rows)}`;
      await record(tx, audit, agent, 'auth.two_factor.enabled');
      return codes;
    });
  }

  /**
   * Checks a second factor of an agent with two-factor on: a code (accepted once), a recovery
   * code (spent) or, to turn it off, the password. Wrong ones count against the agent's budget;
   * past it, 429 with retry-after whatever is sent.
   */
  async prove(
    agent: Subject,
    audit: AuditContext,
    proof: Proof,
    passwordHash?: string | null,
  ): Promise<boolean> {
    const agentId = agent.id;
    const [row] = await this.sql<Row[]>`
      select secret_ciphertext, enabled_at, last_time_step from agent_two_factor
      where agent_id = ${agentId} and enabled_at is not null`;
    if (!row) return false;
    return this.checked(agentId, async () => {
      if ('code' in proof) return this.acceptCode(agentId, row, proof.code);
      if ('recoveryCode' in proof) {
        return this.spendRecoveryCode(agent, audit, proof.recoveryCode);
      }
      return passwordHash ? Bun.password.verify(proof.password, passwordHash) : false;
    });
  }

  async disable(agent: Subject, audit: AuditContext, method: 'code' | 'password') {
    await this.sql.begin(async (tx) => {
      await tx`delete from agent_two_factor where agent_id = ${agent.id}`;
      await record(tx, audit, agent, 'auth.two_factor.disabled', { method });
    });
  }

  async regenerate(agent: Subject, audit: AuditContext): Promise<string[]> {
    return this.sql.begin(async (tx) => {
      await tx`delete from agent_recovery_codes where agent_id = ${agent.id}`;
      const { codes, rows } = recoveryCodes(agent.id);
      await tx`insert into agent_recovery_codes ${tx(rows)}`;
      await record(tx, audit, agent, 'auth.two_factor.recovery_codes_regenerated');
      return codes;
    });
  }

  /**
   * An owner turns off a teammate's two-factor (a lost phone) and ends its sessions: whoever
   * holds the phone now holds no session. Another organization's agent is not found.
   */
  async reset(owner: AgentPrincipal, audit: AuditContext, agentId: string): Promise<void> {
    if (owner.role !== 'owner') throw forbidden("Only owners reset an agent's two-factor");
    await this.sql.begin(async (tx) => {
      const [agent] = await tx`
        select id from agents
        where id = ${agentId} and ${inScope(tx, { organizationId: owner.organizationId })}`;
      if (!agent) throw notFound('Agent');
      const [removed] = await tx`
        delete from agent_two_factor where agent_id = ${agentId} returning agent_id`;
      if (removed) {
        await record(
          tx,
          audit,
          { id: agentId, organizationId: owner.organizationId },
          'auth.two_factor.reset',
        );
      }
      // Every session of the lost device ends: refresh tokens, earlier access tokens (by their
      // issue time, as a password reset does) and, below, open sockets.
      await tx`update agents set sessions_revoked_at = ${new Date()} where id = ${agentId}`;
      await tx`
        update refresh_token_families set revoked_at = now(), revoked_reason = 'two_factor_reset'
        where agent_id = ${agentId} and revoked_at is null`;
    });
    await announceRevoked(this.bus, { agentId });
  }

  /** Takes a slot of the budget first, so concurrent guesses cannot all be checked. */
  private async checked(agentId: string, check: () => Promise<boolean>): Promise<boolean> {
    await spend(this.limiter, this.failures, agentId);
    const ok = await check();
    if (ok && this.failures) await this.limiter.reset(this.failures, agentId);
    return ok;
  }

  private async acceptCode(agentId: string, row: Row, code: string): Promise<boolean> {
    const secret = await openSecret(this.jwtSecret, agentId, row.secret_ciphertext);
    if (secret === null) {
      throw conflict('Your two-factor key can no longer be read: ask an owner to reset it');
    }
    const step = await acceptedStep(secret, code, row.last_time_step);
    if (step === null) return false;
    // The step moves forward in one statement: of two requests with the same code, one wins.
    const [moved] = await this.sql`
      update agent_two_factor set last_time_step = ${step}
      where agent_id = ${agentId}
        and (last_time_step is null or last_time_step < ${step})
      returning agent_id`;
    return moved !== undefined;
  }

  private async spendRecoveryCode(agent: Subject, audit: AuditContext, code: string) {
    return this.sql.begin(async (tx) => {
      const [spent] = await tx`
        update agent_recovery_codes set used_at = now()
        where agent_id = ${agent.id} and code_hash = ${hashSecret(normalizeRecovery(code))}
          and used_at is null
        returning agent_id`;
      if (spent) await record(tx, audit, agent, 'auth.two_factor.recovery_code_used');
      return spent !== undefined;
    });
  }
}

import { announceRevoked, type Bus } from '@flc/core';
import type { Mailer } from '@flc/mail';
import { type AuditOrigin, recordAudit, type Sql } from '@flc/storage/postgres';
import { normalizeEmail } from '../../domain/agent.ts';
import { passwordLoginAllowed } from '../../domain/sso-policy.ts';
import { ApiError } from '../../lib/errors.ts';
import { hashSecret, newId, randomToken } from '../../lib/secrets.ts';
import { checkNewPassword } from '../auth/password-policy.ts';
import { resetMail } from './mail.ts';

const tokenError = (code: string, message: string) => new ApiError(400, code, message);
const invalidToken = () =>
  tokenError('reset_token_invalid', 'This password reset link is not valid; ask for a new one');

export interface PasswordResetOptions {
  ttlSeconds: number;
  /** The console's address (`FLC_PUBLIC_URL`): links point there, never at a request's Host. */
  publicUrl: string;
}

/**
 * Password reset by email. A request mails a link carrying a random token (32 bytes; only its
 * SHA-256 is stored) to an active agent with that email, and to nobody else; the token sets a
 * new password once, before it expires, and ends every session the agent had.
 */
export class PasswordResetService {
  constructor(
    private readonly sql: Sql,
    private readonly mailer: Mailer,
    private readonly bus: Pick<Bus, 'signal'>,
    private readonly options: PasswordResetOptions,
  ) {}

  /**
   * Mails a reset link when an active agent has this email and may sign in with a password;
   * otherwise sends nothing (and records why, when the email is an agent's). A newer link
   * replaces the ones before it.
   */
  async send(email: string, origin: AuditOrigin): Promise<void> {
    const [agent] = await this.sql<
      {
        id: string;
        organization_id: string;
        email: string;
        name: string;
        status: string;
        role: string;
      }[]
    >`
      select id, organization_id, email, name, status, role from agents
      where lower(email) = ${normalizeEmail(email)} and status <> 'invited'`;
    // Recorded nowhere a tenant reads, as a failed sign-in of nobody. An invitation is not an
    // account (it has no password to reset), and recording it would show the organization that
    // invited the address someone else's requests.
    if (!agent) return;
    const requested = {
      actor: { kind: 'anonymous' as const, id: null, label: 'Unauthenticated caller' },
      origin,
      organizationId: agent.organization_id,
      action: 'auth.password_reset.requested',
      target: { type: 'agent', id: agent.id },
    };
    // A password an agent could not sign in with (its organization enforces single sign-on)
    // is not worth a link either.
    const refused =
      agent.status !== 'active'
        ? `account_${agent.status}`
        : (await passwordLoginAllowed(this.sql, {
              organizationId: agent.organization_id,
              role: agent.role,
            }))
          ? null
          : 'sso_required';
    if (refused) {
      await recordAudit(this.sql, {
        ...requested,
        details: { email: agent.email, mailed: false, reason: refused },
      });
      return;
    }
    const token = randomToken('', 32);
    await this.sql.begin(async (tx) => {
      await recordAudit(tx, { ...requested, details: { email: agent.email, mailed: true } });
      await tx`
        update password_resets set expires_at = now()
        where agent_id = ${agent.id} and used_at is null and expires_at > now()`;
      await tx`
        insert into password_resets (id, agent_id, token_hash, expires_at)
        values (${newId()}, ${agent.id}, ${hashSecret(token)},
                now() + make_interval(secs => ${this.options.ttlSeconds}))`;
    });
    // In the fragment: browsers do not send it, so it stays out of every server's access log.
    const link = `${this.options.publicUrl}/reset-password#token=${token}`;
    await this.mailer.send(
      resetMail({ to: agent.email, name: agent.name, link, ttlSeconds: this.options.ttlSeconds }),
    );
  }

  /**
   * Checks the token before any password is hashed (a guess costs no argon2), then spends it,
   * sets the password and revokes the agent's refresh tokens and earlier access tokens in one
   * transaction, and closes its open sockets. Answers the agent's id.
   */
  async confirm(token: string, password: string, origin: AuditOrigin): Promise<string> {
    const hash = hashSecret(token);
    const owner = await this.usableFor(hash);
    await checkNewPassword(password, [owner.email, owner.name]);
    const passwordHash = await Bun.password.hash(password, { algorithm: 'argon2id' });
    // From this host's clock, as the `iam` of the access tokens it signs.
    const revokedAt = new Date();
    const agentId = await this.sql.begin(async (tx) => {
      const [spent] = await tx<{ agent_id: string }[]>`
        update password_resets set used_at = now()
        where token_hash = ${hash} and used_at is null and expires_at > now()
        returning agent_id`;
      if (!spent) throw tokenError('reset_token_used', 'This password reset link was already used');
      const [agent] = await tx<
        { id: string; organization_id: string; name: string; email: string }[]
      >`
        update agents set password_hash = ${passwordHash}, sessions_revoked_at = ${revokedAt},
          updated_at = now()
        where id = ${spent.agent_id} and status = 'active'
        returning id, organization_id, name, email`;
      if (!agent) throw invalidToken(); // disabled (or removed) since the link was sent
      await recordAudit(tx, {
        actor: { kind: 'agent', id: agent.id, label: agent.name },
        origin,
        organizationId: agent.organization_id,
        action: 'auth.password_reset.completed',
        target: { type: 'agent', id: agent.id },
        details: { email: agent.email },
      });
      await tx`
        update refresh_token_families set revoked_at = now(), revoked_reason = 'password_reset'
        where agent_id = ${agent.id} and revoked_at is null`;
      await tx`
        update password_resets set expires_at = now()
        where agent_id = ${agent.id} and used_at is null and expires_at > now()`;
      return agent.id;
    });
    await announceRevoked(this.bus, { agentId });
    return agentId;
  }

  /** The agent a usable token is for; a clear 400 for any other. */
  private async usableFor(hash: string): Promise<{ email: string; name: string }> {
    const [row] = await this.sql<
      { used: boolean; expired: boolean; active: boolean; email: string; name: string }[]
    >`
      select r.used_at is not null as used, r.expires_at <= now() as expired,
        a.status = 'active' as active, a.email, a.name
      from password_resets r join agents a on a.id = r.agent_id
      where r.token_hash = ${hash}`;
    if (!row?.active) throw invalidToken();
    if (row.used) throw tokenError('reset_token_used', 'This password reset link was already used');
    if (row.expired) {
      throw tokenError(
        'reset_token_expired',
        'This password reset link has expired; ask for a new one',
      );
    }
    return row;
  }
}

import type { SignupPolicy, SignupPolicyBody } from '@flc/protocol/resources';
import type { Sql } from '@flc/storage/postgres';
import { ApiError } from '../../lib/errors.ts';
import { type OperatorContext, recordOperatorEvent } from './events.ts';

interface Row {
  mode: SignupPolicy['mode'];
  allowed_domains: string[];
  updated_at: Date;
}

/** Never set: today's behaviour, anyone signs up. */
const OPEN: SignupPolicy = { mode: 'open', allowedDomains: [], updatedAt: null };

async function read(sql: Sql): Promise<SignupPolicy> {
  const [row] = await sql<Row[]>`
    select mode, allowed_domains, updated_at from signup_policy where singleton`;
  return row
    ? {
        mode: row.mode,
        allowedDomains: row.allowed_domains,
        updatedAt: row.updated_at.toISOString(),
      }
    : OPEN;
}

/** Who may create an organization through POST /v1/auth/signup; set by operators. */
export class SignupPolicyService {
  constructor(private readonly sql: Sql) {}

  get(): Promise<SignupPolicy> {
    return read(this.sql);
  }

  async put(context: OperatorContext, body: SignupPolicyBody): Promise<SignupPolicy> {
    const domains = [...new Set(body.allowedDomains.map((d) => d.trim().toLowerCase()))].sort();
    await this.sql.begin(async (tx) => {
      await tx`
        insert into signup_policy (singleton, mode, allowed_domains, updated_at)
        values (true, ${body.mode}, ${domains}::text[], now())
        on conflict (singleton) do update set mode = excluded.mode,
          allowed_domains = excluded.allowed_domains, updated_at = excluded.updated_at`;
      await recordOperatorEvent(tx, context, 'signup_policy.changed', null, {
        mode: body.mode,
        allowedDomains: domains,
      });
    });
    return read(this.sql);
  }
}

/**
 * Refuses a public sign-up the policy does not allow: 403 `signup_closed` when sign-up is closed
 * or by invitation only (accepting an invitation is another route, and still works), 403
 * `signup_domain_not_allowed` when open to listed email domains only and this one is not.
 */
export async function checkSignupAllowed(sql: Sql, email: string): Promise<void> {
  const policy = await read(sql);
  if (policy.mode === 'closed') {
    throw new ApiError(403, 'signup_closed', 'Sign-up is closed on this platform');
  }
  if (policy.mode === 'invite_only') {
    throw new ApiError(
      403,
      'signup_closed',
      'Sign-up is by invitation only on this platform: ask an organization for an invitation',
    );
  }
  const domain = email.trim().toLowerCase().split('@').at(-1) ?? '';
  if (policy.allowedDomains.length > 0 && !policy.allowedDomains.includes(domain)) {
    throw new ApiError(
      403,
      'signup_domain_not_allowed',
      'Sign-up is open to some email domains only, and not to this one',
    );
  }
}

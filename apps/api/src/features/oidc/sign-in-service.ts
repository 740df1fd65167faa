import { inScope, isUniqueViolation, type Sql } from '@flc/storage/postgres';
import * as oidc from 'openid-client';
import { type AgentRow, agentColumns, normalizeEmail, toAgent } from '../../domain/agent.ts';
import { ApiError } from '../../lib/errors.ts';
import type { PlanGuard } from '../../lib/plan-guard.ts';
import { hashSecret, newId, randomToken } from '../../lib/secrets.ts';
import type { ConnectionRow, ConnectionService } from './connection-service.ts';
import { DiscoveryCache } from './discovery-cache.ts';
import { checkIssuer, discover } from './issuer.ts';
import type { SecretBox } from './secret-box.ts';

/** How long a sign-in may stay at the identity provider. */
const STATE_TTL_SECONDS = 600;
/** How long the console has to exchange a finished sign-in for a session. */
const HANDOFF_TTL_SECONDS = 60;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why a sign-in ended on the console's login page; the console says it in words. */
export type SsoErrorCode =
  | 'sso_unavailable'
  | 'sso_denied'
  | 'sso_state_invalid'
  | 'sso_failed'
  | 'sso_email_unverified'
  | 'sso_domain_not_allowed'
  | 'sso_unknown_user'
  | 'sso_account_disabled'
  | 'sso_rate_limited'
  | 'sso_plan_limit';

export class SsoRefusal extends Error {
  constructor(
    readonly code: SsoErrorCode,
    /** For the log: the library's error code, never a token or a body. */
    readonly detail?: string,
  ) {
    super(code);
    this.name = 'SsoRefusal';
  }
}

interface StateRow {
  organization_id: string;
  browser_hash: string;
  nonce: string;
  code_verifier: string;
  redirect_uri: string;
}

const libraryCode = (error: unknown) =>
  error instanceof Error ? `${error.name}${'code' in error ? ` ${String(error.code)}` : ''}` : '?';

/** The sign-in flow: to the identity provider and back, then a one-time code for the console. */
export class SignInService {
  constructor(
    private readonly sql: Sql,
    private readonly box: SecretBox,
    private readonly connections: ConnectionService,
    private readonly allowPrivateIssuers: boolean,
    /** The tenant's plan: feature `sso`, and its `agents` limit for agents made at sign-in. */
    private readonly plans: PlanGuard,
  ) {}

  private readonly discovered = new DiscoveryCache<oidc.Configuration>();

  /**
   * Where to send the browser to sign in with the organization's identity provider, and the
   * token of the cookie that ties the sign-in to this browser.
   */
  async start(organization: string, redirectUri: string) {
    const connection = await this.enabledConnection(organization);
    const config = await this.configuration(connection);
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const browserToken = randomToken('', 32);
    await this.sql`delete from oidc_login_states where expires_at < now()`;
    await this.sql`
      insert into oidc_login_states (state_hash, organization_id, browser_hash, nonce,
        code_verifier, redirect_uri, expires_at)
      values (${hashSecret(state)}, ${connection.organization_id}, ${hashSecret(browserToken)},
        ${nonce}, ${codeVerifier}, ${redirectUri},
        now() + make_interval(secs => ${STATE_TTL_SECONDS}))`;
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, browserToken };
  }

  /**
   * Finishes a sign-in from the identity provider's answer (`params`, the callback's query):
   * the state is spent whatever happens next, the code exchanged, the ID token checked by the
   * library (issuer, audience, nonce, expiry, signature), and the verified email matched to an
   * agent of the organization. Returns the one-time code the console exchanges.
   */
  async finish(params: URLSearchParams, browserToken: string | undefined): Promise<string> {
    const state = params.get('state');
    if (!state) throw new SsoRefusal('sso_state_invalid');
    const [row] = await this.sql<StateRow[]>`
      delete from oidc_login_states where state_hash = ${hashSecret(state)}
      returning organization_id, browser_hash, nonce, code_verifier, redirect_uri,
        expires_at > now() as live`;
    if (!row || !(row as StateRow & { live: boolean }).live) {
      throw new SsoRefusal('sso_state_invalid');
    }
    if (!browserToken || hashSecret(browserToken) !== row.browser_hash) {
      throw new SsoRefusal('sso_state_invalid');
    }
    const error = params.get('error');
    if (error) throw new SsoRefusal(error === 'access_denied' ? 'sso_denied' : 'sso_failed', error);

    const connection = await this.connections.find(row.organization_id);
    if (!connection?.enabled) throw new SsoRefusal('sso_unavailable');
    const config = await this.configuration(connection);
    const current = new URL(row.redirect_uri);
    current.search = params.toString();
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: row.code_verifier,
        expectedState: state,
        expectedNonce: row.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new SsoRefusal('sso_failed', 'no ID token');
      claims = { ...idClaims };
      // Providers that follow the core spec to the letter put email in userinfo, not the ID token.
      if (typeof claims.email !== 'string') {
        claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)) };
      }
    } catch (e) {
      if (e instanceof SsoRefusal) throw e;
      throw new SsoRefusal('sso_failed', libraryCode(e));
    }
    const agent = await this.matchAgent(connection, claims);
    return this.handOff(agent.id);
  }

  /** Spends a one-time code: the agent it was issued for, if still active. */
  async exchange(code: string) {
    const [row] = await this.sql<AgentRow[]>`
      with spent as (
        delete from oidc_handoffs where code_hash = ${hashSecret(code)} and expires_at > now()
        returning agent_id
      )
      select ${this.sql.unsafe(agentColumns)} from agents
      where id = (select agent_id from spent) and status = 'active'`;
    return row ? toAgent(row) : null;
  }

  private async matchAgent(connection: ConnectionRow, claims: Record<string, unknown>) {
    if (claims.email_verified !== true) throw new SsoRefusal('sso_email_unverified');
    if (typeof claims.email !== 'string') throw new SsoRefusal('sso_email_unverified');
    const email = normalizeEmail(claims.email);
    const domain = email.slice(email.lastIndexOf('@') + 1);
    const domains = connection.allowed_domains;
    if (domains.length > 0 && !domains.includes(domain)) {
      throw new SsoRefusal('sso_domain_not_allowed');
    }
    // The email's joined account, wherever it is (there is one at most), else this
    // organization's invitation of it; invitations of other organizations are not looked at.
    const [found] = await this.sql<AgentRow[]>`
      select ${this.sql.unsafe(agentColumns)} from agents
      where lower(email) = ${email}
        and (status <> 'invited' or ${inScope(this.sql, { organizationId: connection.organization_id })})
      order by status = 'invited'
      limit 1`;
    // An agent of another organization is as unknown here as nobody at all.
    if (found && found.organization_id !== connection.organization_id) {
      throw new SsoRefusal('sso_unknown_user');
    }
    if (found?.status === 'disabled') throw new SsoRefusal('sso_account_disabled');
    if (found?.status === 'invited') {
      // The identity provider vouched for the email the invitation went to.
      try {
        await this.sql.begin(async (tx) => {
          await tx`update agents set status = 'active', updated_at = now()
                   where id = ${found.id} and status = 'invited'`;
          await tx`update invitations set accepted_at = now()
                   where agent_id = ${found.id} and accepted_at is null`;
        });
      } catch (e) {
        // The email joined another organization since (the index of joined emails refused it).
        if (isUniqueViolation(e)) throw new SsoRefusal('sso_unknown_user');
        throw e;
      }
      return found;
    }
    if (found) return found;
    if (!connection.provision_agents) throw new SsoRefusal('sso_unknown_user');
    const name =
      typeof claims.name === 'string' && claims.name.trim()
        ? claims.name.trim().slice(0, 120)
        : email.slice(0, email.indexOf('@'));
    // A new agent takes a seat of the plan, counted under the organization's lock.
    const room = await this.plans.room(connection.organization_id, 'agents');
    const created = await this.sql
      .begin(async (tx) => {
        await room(tx);
        const [row] = await tx<AgentRow[]>`
          insert into agents (id, organization_id, email, name, role, status)
          values (${newId()}, ${connection.organization_id}, ${email}, ${name}, 'agent', 'active')
          on conflict do nothing
          returning ${tx.unsafe(agentColumns)}`;
        return row;
      })
      .catch((e) => {
        if (e instanceof ApiError && e.code === 'plan_limit_reached') {
          throw new SsoRefusal('sso_plan_limit');
        }
        throw e;
      });
    // Lost a race with another sign-in or an invitation of the same email: let them try again.
    if (!created) throw new SsoRefusal('sso_unknown_user');
    return created;
  }

  private async handOff(agentId: string): Promise<string> {
    const code = randomToken('flc_sso_', 32);
    await this.sql`delete from oidc_handoffs where expires_at < now()`;
    await this.sql`
      insert into oidc_handoffs (code_hash, agent_id, expires_at)
      values (${hashSecret(code)}, ${agentId}, now() + make_interval(secs => ${HANDOFF_TTL_SECONDS}))`;
    return code;
  }

  private async enabledConnection(organization: string): Promise<ConnectionRow> {
    const key = organization.trim().toLowerCase();
    const [row] = UUID.test(key)
      ? await this.sql<ConnectionRow[]>`
          select * from oidc_connections where ${inScope(this.sql, { organizationId: key })} and enabled`
      : await this.sql<ConnectionRow[]>`
          select * from oidc_connections where lower(slug) = ${key} and enabled`;
    if (!row) throw new SsoRefusal('sso_unavailable');
    // A plan without single sign-on: as if it were turned off.
    if (!(await this.plans.hasFeature(row.organization_id, 'sso'))) {
      throw new SsoRefusal('sso_unavailable');
    }
    return row;
  }

  private async configuration(connection: ConnectionRow): Promise<oidc.Configuration> {
    // Saved connections passed this check; the operator may have tightened it since.
    const check = checkIssuer(connection.issuer, this.allowPrivateIssuers);
    if (!check.ok) throw new SsoRefusal('sso_unavailable', 'issuer no longer allowed');
    const clientSecret = await this.box.open(
      connection.client_secret_sealed,
      connection.organization_id,
    );
    if (!clientSecret) throw new SsoRefusal('sso_failed', 'client secret cannot be opened');
    // Keyed by what the discovery depends on: a saved change moves `updated_at`.
    const key = [
      connection.organization_id,
      connection.updated_at.toISOString(),
      check.url.href,
      connection.client_id,
    ].join(' ');
    try {
      return await this.discovered.get(key, () =>
        discover({ issuer: check.url, clientId: connection.client_id, clientSecret }),
      );
    } catch (e) {
      throw new SsoRefusal('sso_failed', `discovery: ${libraryCode(e)}`);
    }
  }
}

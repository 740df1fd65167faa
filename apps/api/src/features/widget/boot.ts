import { createHmac } from 'node:crypto';
import type { VisitorLocale, WidgetLanguage } from '@flc/protocol';
import type { WidgetSettings } from '@flc/protocol/resources';
import type { Sql } from '@flc/storage/postgres';
import {
  type ContactRow,
  contactColumns,
  contactEvent,
  upsertContactByExternalId,
} from '../../domain/contact.ts';
import { withEvents } from '../../domain/webhook-events.ts';
import { unauthorized, validation } from '../../lib/errors.ts';
import { hashSecret, newId, randomToken, sameSecret } from '../../lib/secrets.ts';
import { organizationSuspended } from '../../lib/suspension.ts';
import type { BootBody } from './model.ts';

export interface WidgetEnvironment {
  id: string;
  organization_id: string;
  identity_secret: string;
  allowed_origins: string[];
  widget_settings: Partial<WidgetSettings>;
  widget_language: WidgetLanguage;
  email_continuity: boolean;
}

/** Issued keys are far shorter; a longer header is refused before touching the database. */
const MAX_PLUGIN_KEY_LENGTH = 200;

/** What a tenant backend computes to vouch for a logged-in user: hex HMAC-SHA256. */
export const memberHashOf = (identitySecret: string, memberId: string) =>
  createHmac('sha256', identitySecret).update(memberId).digest('hex');

/** Turns a plugin key and what the widget remembers into a contact. */
export class BootService {
  constructor(private readonly sql: Sql) {}

  async environment(pluginKey: string | undefined): Promise<WidgetEnvironment> {
    if (!pluginKey) throw unauthorized('Missing X-Plugin-Key');
    if (pluginKey.length > MAX_PLUGIN_KEY_LENGTH) throw unauthorized('Unknown plugin key');
    const [env] = await this.sql<(WidgetEnvironment & { suspended: boolean })[]>`
      select e.id, e.organization_id, e.identity_secret, e.allowed_origins, e.widget_settings,
             e.widget_language, e.email_continuity, o.suspended_at is not null as suspended
      from environments e join organizations o on o.id = e.organization_id
      where e.plugin_key = ${pluginKey}`;
    if (!env) throw unauthorized('Unknown plugin key');
    if (env.suspended) throw organizationSuspended();
    return env;
  }

  /**
   * An identified visitor is the contact with its memberId as external id (created on first
   * boot); an anonymous one is the contact its visitor token names, or a new contact.
   */
  async contact(
    env: WidgetEnvironment,
    body: BootBody,
  ): Promise<{ contact: ContactRow; visitorToken: string | null }> {
    const found = await this.contactOf(env, body);
    // An environment that fixed the widget's language has its widget speak it to everyone.
    const locale = env.widget_language === 'auto' ? body.locale : env.widget_language;
    if (locale !== undefined) await this.rememberLocale(found.contact.id, locale);
    return found;
  }

  /**
   * The language the widget speaks to the visitor, for the mails the visitor gets later. Not a
   * change of the contact's profile: no `contact.updated`, and a boot in the same language
   * writes nothing.
   */
  private async rememberLocale(contactId: string, locale: VisitorLocale): Promise<void> {
    await this.sql`
      update contacts set locale = ${locale}
      where id = ${contactId} and locale is distinct from ${locale}`;
  }

  private async contactOf(
    env: WidgetEnvironment,
    body: BootBody,
  ): Promise<{ contact: ContactRow; visitorToken: string | null }> {
    const { memberId, memberHash, profile = {} } = body;
    if (memberId === undefined) {
      if (memberHash !== undefined) {
        throw validation('The request is invalid', [
          { path: 'body.memberHash', message: 'memberHash signs a memberId; send both' },
        ]);
      }
      return this.anonymous(env, body.visitorToken, profile);
    }
    this.verifyMember(env.identity_secret, memberId, memberHash);
    const { contact } = await upsertContactByExternalId(this.sql, {
      organizationId: env.organization_id,
      environmentId: env.id,
      externalId: memberId,
      name: profile.name,
      email: profile.email,
      seen: true,
    });
    // The anonymous token stays the device's own: it never leads to the member's contact.
    const token = body.visitorToken;
    const kept = token !== undefined && (await this.byToken(env, token)) !== undefined;
    return { contact, visitorToken: kept ? token : null };
  }

  private verifyMember(secret: string, memberId: string, memberHash: string | undefined): void {
    if (memberHash === undefined) {
      throw unauthorized('memberHash is required with memberId (identity verification)');
    }
    if (!sameSecret(memberHashOf(secret, memberId), memberHash.toLowerCase())) {
      throw unauthorized(
        "memberHash does not match memberId: it must be hex HMAC-SHA256 of the memberId, keyed with the environment's identity secret",
      );
    }
  }

  private async byToken(env: WidgetEnvironment, token: string): Promise<ContactRow | undefined> {
    const [row] = await this.sql<ContactRow[]>`
      select ${this.sql.unsafe(contactColumns)} from contacts
      where visitor_token_hash = ${hashSecret(token)} and environment_id = ${env.id}`;
    return row;
  }

  /**
   * A returning visitor updates its profile (`contact.updated` when a field changes); a new one
   * is a new contact (`contact.created`), its event in the same transaction.
   */
  private async anonymous(
    env: WidgetEnvironment,
    token: string | undefined,
    profile: NonNullable<BootBody['profile']>,
  ): Promise<{ contact: ContactRow; visitorToken: string }> {
    const name = profile.name ?? null;
    const email = profile.email ?? null;
    return withEvents(this.sql, async (tx) => {
      if (token) {
        const [row] = await tx<(ContactRow & { changed: boolean })[]>`
          update contacts set
            last_seen_at = now(),
            name = coalesce(${name}, name),
            email = coalesce(${email}, email),
            updated_at = case
              when (coalesce(${name}, name), coalesce(${email}, email)) is distinct from (name, email)
              then now() else updated_at end
          where visitor_token_hash = ${hashSecret(token)} and environment_id = ${env.id}
          returning ${tx.unsafe(contactColumns)}, (updated_at = now()) as changed`;
        if (row) {
          const { changed, ...contact } = row;
          const events = changed
            ? [contactEvent('contact.updated', env.organization_id, contact)]
            : [];
          return { value: { contact, visitorToken: token }, events };
        }
      }
      // Unknown, foreign or absent token: a new visitor. Only the token's hash is kept.
      const visitorToken = randomToken('flc_vt_', 32);
      const [row] = await tx<ContactRow[]>`
        insert into contacts
          (id, organization_id, environment_id, visitor_token_hash, name, email, last_seen_at)
        values (${newId()}, ${env.organization_id}, ${env.id}, ${hashSecret(visitorToken)},
                ${name}, ${email}, now())
        returning ${tx.unsafe(contactColumns)}`;
      if (!row) throw new Error('insert into contacts returned no row');
      return {
        value: { contact: row, visitorToken },
        events: [contactEvent('contact.created', env.organization_id, row)],
      };
    });
  }
}

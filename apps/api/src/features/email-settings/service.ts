import type { EmailSettings, EmailSettingsPut } from '@flc/protocol/resources';
import { type AuditContext, recordAudit, type Sql } from '@flc/storage/postgres';
import { notFound } from '../../lib/errors.ts';
import { requireManager } from '../../plugins/auth.ts';
import type { InboxActor } from '../../plugins/inbox-auth.ts';

interface Row {
  email_continuity: boolean;
  email_continuity_updated_at: Date | null;
}

const toSettings = (r: Row): EmailSettings => ({
  enabled: r.email_continuity,
  updatedAt: r.email_continuity_updated_at?.toISOString() ?? null,
});

/**
 * An environment's email continuity switch. Agents: owners and admins of its organization; API
 * keys: of that environment. Other environments are 404. Every change is audited.
 */
export class EmailSettingsService {
  constructor(private readonly sql: Sql) {}

  private reach(actor: InboxActor, environmentId: string): void {
    if (actor.type === 'agent') requireManager(actor);
    else if (actor.environmentId !== environmentId) throw notFound('Environment');
  }

  async get(actor: InboxActor, environmentId: string): Promise<EmailSettings> {
    this.reach(actor, environmentId);
    const [row] = await this.sql<Row[]>`
      select email_continuity, email_continuity_updated_at from environments
      where id = ${environmentId} and organization_id = ${actor.organizationId}`;
    if (!row) throw notFound('Environment');
    return toSettings(row);
  }

  async put(
    audit: AuditContext,
    actor: InboxActor,
    environmentId: string,
    put: EmailSettingsPut,
  ): Promise<EmailSettings> {
    this.reach(actor, environmentId);
    return this.sql.begin(async (tx) => {
      // The row locked, so the audit's `before` is the value this change replaced.
      const [before] = await tx<Row[]>`
        select email_continuity, email_continuity_updated_at from environments
        where id = ${environmentId} and organization_id = ${actor.organizationId}
        for update`;
      if (!before) throw notFound('Environment');
      if (before.email_continuity === put.enabled) return toSettings(before);
      const [row] = await tx<Row[]>`
        update environments
        set email_continuity = ${put.enabled}, email_continuity_updated_at = now()
        where id = ${environmentId}
        returning email_continuity, email_continuity_updated_at`;
      if (!row) throw notFound('Environment');
      // Switched off: what waits for a mail is not sent either.
      if (!put.enabled) {
        await tx`
          update conversation_mail m set due_at = null, updated_at = now()
          from conversations c
          where c.id = m.conversation_id and c.environment_id = ${environmentId}
            and m.due_at is not null`;
      }
      await recordAudit(tx, {
        ...audit,
        organizationId: actor.organizationId,
        action: 'environment.email_continuity_changed',
        target: { type: 'environment', id: environmentId },
        details: { enabled: { before: before.email_continuity, after: row.email_continuity } },
      });
      return toSettings(row);
    });
  }
}

import type { PreChatFormPut } from '@flc/protocol/resources';
import type { Sql } from '@flc/storage/postgres';
import { notFound } from '../../lib/errors.ts';
import { requireManager } from '../../plugins/auth.ts';
import type { InboxActor } from '../../plugins/inbox-auth.ts';
import { checkForm, loadForm, type PreChatFormRow, toPreChatForm } from './form.ts';

/**
 * An environment's pre-chat form and rating switch. Agents: owners and admins of its
 * organization; API keys: of that environment, reading only. Others' environments are 404.
 */
export class PreChatFormService {
  constructor(private readonly sql: Sql) {}

  private async reach(actor: InboxActor, environmentId: string, write: boolean) {
    if (actor.type === 'agent') requireManager(actor);
    else if (write || actor.environmentId !== environmentId) throw notFound('Environment');
    const [env] = await this.sql`
      select id from environments
      where id = ${environmentId} and organization_id = ${actor.organizationId}`;
    if (!env) throw notFound('Environment');
  }

  async get(actor: InboxActor, environmentId: string) {
    await this.reach(actor, environmentId, false);
    return loadForm(this.sql, environmentId);
  }

  async put(actor: InboxActor, environmentId: string, form: PreChatFormPut) {
    await this.reach(actor, environmentId, true);
    checkForm(form);
    const sql = this.sql;
    const [row] = await sql<PreChatFormRow[]>`
      insert into pre_chat_forms
        (environment_id, organization_id, enabled, intro, fields, csat_enabled)
      values (${environmentId}, ${actor.organizationId}, ${form.enabled}, ${form.intro},
              ${sql.json(form.fields)}, ${form.csatEnabled})
      on conflict (environment_id) do update set
        enabled = excluded.enabled, intro = excluded.intro, fields = excluded.fields,
        csat_enabled = excluded.csat_enabled, updated_at = now()
      returning enabled, intro, fields, csat_enabled, updated_at`;
    return toPreChatForm(row);
  }
}

import {
  type AwayReplies,
  announceHoursChanged,
  availabilityMayHaveChanged,
  type Bus,
  type BusinessHoursStore,
  unsetBusinessHours,
} from '@flc/core';
import type { BusinessHours, BusinessHoursPut } from '@flc/protocol/resources';
import { type AuditContext, recordAudit, type Sql } from '@flc/storage/postgres';
import { notFound } from '../../lib/errors.ts';
import { requireManager } from '../../plugins/auth.ts';
import type { InboxActor } from '../../plugins/inbox-auth.ts';
import { checkBusinessHours } from './check.ts';

/**
 * An environment's business hours. Agents: owners and admins of its organization; API keys: of
 * that environment. Other environments are 404. Every change is audited.
 */
export class BusinessHoursService {
  constructor(
    private readonly sql: Sql,
    private readonly store: BusinessHoursStore,
    private readonly awayReplies: Pick<AwayReplies, 'forget'>,
    private readonly bus: Pick<Bus, 'signal'>,
  ) {}

  private async reach(actor: InboxActor, environmentId: string) {
    if (actor.type === 'agent') requireManager(actor);
    else if (actor.environmentId !== environmentId) throw notFound('Environment');
    const [env] = await this.sql`
      select id from environments
      where id = ${environmentId} and organization_id = ${actor.organizationId}`;
    if (!env) throw notFound('Environment');
  }

  async get(actor: InboxActor, environmentId: string): Promise<BusinessHours> {
    await this.reach(actor, environmentId);
    return (await this.store.get(actor.organizationId, environmentId)) ?? unsetBusinessHours();
  }

  async put(
    audit: AuditContext,
    actor: InboxActor,
    environmentId: string,
    hours: BusinessHoursPut,
  ): Promise<BusinessHours> {
    await this.reach(actor, environmentId);
    checkBusinessHours(hours);
    const organizationId = actor.organizationId;
    const before = (await this.store.get(organizationId, environmentId)) ?? unsetBusinessHours();
    const saved = await this.store.put(organizationId, environmentId, {
      ...hours,
      holidays: [...hours.holidays].sort(),
    });
    // Small facts only: the away message is the tenant's text, kept out of the log.
    await recordAudit(this.sql, {
      ...audit,
      organizationId,
      action: 'environment.business_hours_changed',
      target: { type: 'environment', id: environmentId },
      details: {
        enabled: { before: before.enabled, after: saved.enabled },
        timeZone: { before: before.timeZone, after: saved.timeZone },
        hideOutsideHours: { before: before.hideOutsideHours, after: saved.hideOutsideHours },
        awayMessage: { before: before.awayMessage !== null, after: saved.awayMessage !== null },
      },
    });
    // This process forgets at once; every other one (realtime nodes) when the change reaches it.
    this.awayReplies.forget(environmentId);
    await announceHoursChanged(this.bus, environmentId);
    // The widgets open now follow the new hours (and the hide switch) without a reload.
    await availabilityMayHaveChanged(this.bus, organizationId);
    return saved;
  }
}

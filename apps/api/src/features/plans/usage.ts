import type { MessageStore, PlanDirectory } from '@flc/core';
import type { OrganizationPlan } from '@flc/protocol/resources';
import type { Sql } from '@flc/storage/postgres';

/** 00:00 UTC of the first of this month: where `messagesPerMonth` counts from. */
export const monthStart = (now = new Date()) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

/**
 * A tenant's plan beside what it uses of each limit, counted as the limits count: agents
 * (active and invited), environments, webhook endpoints, attachment bytes kept, and messages
 * and notes since the first of the month (from the message store). Rates have no standing use.
 */
export async function organizationPlan(
  stores: { sql: Sql; messageStore: Pick<MessageStore, 'countSince'>; directory: PlanDirectory },
  organizationId: string,
): Promise<OrganizationPlan> {
  const { sql } = stores;
  const [plan, [counts], messages] = await Promise.all([
    stores.directory.planOf(organizationId),
    sql<{ agents: number; environments: number; webhooks: number; bytes: string | number }[]>`
      select
        (select count(*) from agents a where a.organization_id = o.id
          and a.status in ('active', 'invited'))::int as agents,
        (select count(*) from environments e where e.organization_id = o.id)::int as environments,
        (select count(*) from webhooks w where w.organization_id = o.id)::int as webhooks,
        coalesce((select u.bytes from attachment_usage u where u.organization_id = o.id), 0) as bytes
      from organizations o where o.id = ${organizationId}`,
    stores.messageStore.countSince([organizationId], monthStart()),
  ]);
  const { limits } = plan;
  const row = (limit: number | null, used: number | null) => ({ limit, used });
  // Its own plan or FLC_DEFAULT_PLAN: the directory knows which, the name is read here.
  const [named] = plan.planId
    ? await sql<{ name: string }[]>`select name from plans where id = ${plan.planId}`
    : [];
  return {
    plan: plan.planId ? { id: plan.planId, name: named?.name ?? plan.planId } : null,
    limits: {
      agents: row(limits.agents, counts?.agents ?? 0),
      environments: row(limits.environments, counts?.environments ?? 0),
      messagesPerMonth: row(limits.messagesPerMonth, messages.get(organizationId) ?? 0),
      attachmentBytes: row(limits.attachmentBytes, Number(counts?.bytes ?? 0)),
      webhooks: row(limits.webhooks, counts?.webhooks ?? 0),
      apiKeyRequestsPerSecond: row(limits.apiKeyRequestsPerSecond, null),
      sendsPerSecond: row(limits.sendsPerSecond, null),
    },
    features: plan.features,
  };
}

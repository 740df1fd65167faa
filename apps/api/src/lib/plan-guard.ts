import type { PlanDirectory } from '@flc/core';
import type { PlanFeature } from '@flc/protocol/resources';
import type { TransactionSql } from '@flc/storage/postgres';
import { planFeatureUnavailable, planLimitReached } from './errors.ts';

/** The limits counted where things are created, in the database, under the tenant's lock. */
export type CountedLimit = 'agents' | 'environments' | 'webhooks';

const NOUNS: Record<CountedLimit, [string, string]> = {
  agents: ['agent', 'agents'],
  environments: ['environment', 'environments'],
  webhooks: ['webhook endpoint', 'webhook endpoints'],
};

const FEATURE_NAMES: Record<PlanFeature, string> = {
  attachments: 'Attachments are',
  webhooks: 'Webhooks are',
  apiKeys: 'API keys are',
  sso: 'Single sign-on is',
  emailContinuity: 'Email continuity is',
  reports: 'Reports are',
};

/**
 * What counts against a limit. Agents: every agent that is not disabled, active ones and those
 * invited who have not joined yet (an invitation holds its seat until it is deleted).
 */
async function countOf(tx: TransactionSql, limit: CountedLimit, org: string): Promise<number> {
  const [row] =
    limit === 'agents'
      ? await tx<{ n: number }[]>`
          select count(*)::int as n from agents
          where organization_id = ${org} and status in ('active', 'invited')`
      : limit === 'environments'
        ? await tx<{ n: number }[]>`
            select count(*)::int as n from environments where organization_id = ${org}`
        : await tx<{ n: number }[]>`
            select count(*)::int as n from webhooks where organization_id = ${org}`;
  return row?.n ?? 0;
}

export const limitMessage = (limit: CountedLimit, value: number) =>
  `Your plan allows ${value} ${NOUNS[limit][value === 1 ? 0 : 1]}`;

/** A transaction's check that one more fits the tenant's plan; a no-op when nothing limits it. */
export type RoomCheck = (tx: TransactionSql) => Promise<void>;

/**
 * A tenant's plan where things are created: 402 `plan_limit_reached` past a limit, 402
 * `plan_feature_unavailable` for a capability switched off. The plan is read (through the
 * process's directory, kept 10 s) before the creating transaction; the count is taken inside it
 * with the organization row locked, so two requests on two processes never both take the last
 * place.
 */
export class PlanGuard {
  constructor(private readonly directory: PlanDirectory) {}

  async hasFeature(organizationId: string, feature: PlanFeature): Promise<boolean> {
    return (await this.directory.planOf(organizationId)).features[feature];
  }

  async requireFeature(organizationId: string, feature: PlanFeature): Promise<void> {
    if (!(await this.hasFeature(organizationId, feature))) {
      throw planFeatureUnavailable(feature, `${FEATURE_NAMES[feature]} not part of your plan`);
    }
  }

  /** The limit as it applies to the tenant now (null: not limited by its plan). */
  async limitOf(organizationId: string, limit: CountedLimit | 'attachmentBytes') {
    return (await this.directory.planOf(organizationId)).limits[limit];
  }

  /**
   * Reads the plan now and answers the check to run in the creating transaction. `locked`: the
   * caller holds the organization row's lock already.
   */
  async room(organizationId: string, limit: CountedLimit, locked = false): Promise<RoomCheck> {
    const value = await this.limitOf(organizationId, limit);
    if (value === null) return async () => {};
    return async (tx) => {
      if (!locked) await tx`select 1 from organizations where id = ${organizationId} for update`;
      if ((await countOf(tx, limit, organizationId)) + 1 > value) {
        throw planLimitReached(limit, value, limitMessage(limit, value));
      }
    };
  }
}

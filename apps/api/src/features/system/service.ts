import { platformVersion } from '@flc/config';
import type { DependencyCheck, SystemStatus } from '@flc/protocol/resources';
import type { ApiDeps } from '../../deps.ts';

/** Reports come every 10 s: a process silent for three of them may be gone. */
const SILENT_AFTER_MS = 30_000;
/** Processes are listed for a day after their last report, then forgotten. */
const LISTED_FOR_MS = 24 * 3_600_000;

/**
 * The System page: the install's processes as they report in, and whether its database and
 * Redis answer. Only the owners of the install's system organization see it.
 */
export class SystemService {
  private systemOrganization: string | undefined;

  constructor(private readonly deps: ApiDeps) {
    this.systemOrganization = deps.config.systemOrganizationId;
  }

  /** `FLC_SYSTEM_ORGANIZATION_ID`, or the install's first organization. */
  async isSystemOrganization(organizationId: string): Promise<boolean> {
    if (!this.systemOrganization) {
      const [row] = await this.deps.db.sql<{ id: string }[]>`
        select id from organizations order by created_at, id limit 1`;
      this.systemOrganization = row?.id;
    }
    return this.systemOrganization === organizationId;
  }

  async status(): Promise<SystemStatus> {
    const now = Date.now();
    const [database, redis, reports] = await Promise.all([
      check(() => this.deps.db.ping()),
      this.deps.pingRedis ? check(this.deps.pingRedis) : null,
      this.deps.processes.list(new Date(now - LISTED_FOR_MS)),
    ]);
    return {
      version: platformVersion,
      checkedAt: new Date(now).toISOString(),
      database,
      redis,
      processes: reports.map((r) => ({
        ...r,
        state: now - Date.parse(r.reportedAt) <= SILENT_AFTER_MS ? 'up' : 'silent',
      })),
    };
  }
}

async function check(ping: () => Promise<void>): Promise<DependencyCheck> {
  const start = performance.now();
  const status = await ping().then(
    () => 'ok' as const,
    () => 'down' as const,
  );
  return { status, latencyMs: Math.round((performance.now() - start) * 10) / 10 };
}

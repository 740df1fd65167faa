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
      this.dependency('postgresql', () => this.deps.db.ping()),
      this.deps.pingRedis ? this.dependency('redis', this.deps.pingRedis) : null,
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

  /**
   * A store's last ping by this process's probe (`flc_dependency_up` and `_ping_seconds`, every
   * 5 s): not measured again per request. Asked now only before the probe's first answer (or in
   * a process without one, as in tests).
   */
  private dependency(name: string, ping: () => Promise<void>): Promise<DependencyCheck> {
    const reading = this.deps.httpMetrics?.dependency(name);
    if (!reading) return check(ping);
    return Promise.resolve({
      status: reading.up ? 'ok' : 'down',
      latencyMs: Math.round(reading.seconds * 10_000) / 10,
    });
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

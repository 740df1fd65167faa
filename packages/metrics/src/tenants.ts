import type { Registry } from './registry.ts';

/** The label of organizations past the first `limit` a process saw. */
export const OTHER_TENANTS = 'other';

/**
 * Per-tenant counts with a bounded label set (`FLC_METRICS_TENANT_LABELS`): the first `limit`
 * organizations this process sees are labelled by their id, every later one counts under
 * `other`. Which tenants get their own label differs between processes (each counts what it
 * sees first), so a sum over processes is exact per label only for ids every process admitted;
 * the total over all labels is always exact. `limit` 0: nothing is counted or exposed.
 */
export class TenantCounts {
  private readonly admitted = new Set<string>();
  /** Messages appended by this process, by label. */
  readonly messages = new Map<string, number>();

  constructor(readonly limit: number) {}

  get enabled(): boolean {
    return this.limit > 0;
  }

  /** The organization's label: its id while there is room, else `other`. */
  labelOf(organizationId: string): string {
    if (this.admitted.has(organizationId)) return organizationId;
    if (this.admitted.size >= this.limit) return OTHER_TENANTS;
    this.admitted.add(organizationId);
    return organizationId;
  }

  /** A new message of the organization, appended by this process. */
  message(organizationId: string): void {
    const label = this.labelOf(organizationId);
    this.messages.set(label, (this.messages.get(label) ?? 0) + 1);
  }

  /** Per-organization figures relabelled: admitted ids as they are, the rest summed as `other`. */
  relabel(byOrganization: Record<string, number>): Map<string, number> {
    const out = new Map<string, number>();
    for (const [organizationId, n] of Object.entries(byOrganization)) {
      const label = this.labelOf(organizationId);
      out.set(label, (out.get(label) ?? 0) + n);
    }
    return out;
  }
}

const series = (values: Map<string, number>) =>
  [...values].map(([organization, n]) => [{ organization }, n] as const);

/**
 * `flc_tenant_messages_total{organization}` and, where `sockets` is given (a process that holds
 * sockets), `flc_tenant_sockets{organization}`; nothing when per-tenant series are off.
 */
export function registerTenantMetrics(
  registry: Registry,
  tenants: TenantCounts,
  sockets?: () => Record<string, number>,
): void {
  if (!tenants.enabled) return;
  registry.collectedCounter(
    'flc_tenant_messages_total',
    'Messages this process appended, by organization (the first FLC_METRICS_TENANT_LABELS seen; later ones as "other").',
    () => series(tenants.messages),
  );
  if (sockets) {
    registry.gauge(
      'flc_tenant_sockets',
      'WebSockets open on this process, by organization (the first FLC_METRICS_TENANT_LABELS seen; later ones as "other").',
      () => series(tenants.relabel(sockets())),
    );
  }
}

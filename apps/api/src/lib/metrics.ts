import {
  type Dependency,
  type DependencyReading,
  Registry,
  registerDependencyProbes,
  registerProcessMetrics,
  registerTenantMetrics,
  type TenantCounts,
} from '@flc/metrics';

/** The API's `/metrics`: the process's health, and per-route counts and latencies. */
export class Metrics {
  readonly registry = new Registry();
  /** Requests answered and those answered with a 5xx, since the start (the process report). */
  readonly totals = { requests: 0, serverErrors: 0 };
  private readonly requests;
  private readonly durations;

  private readonly probes;

  /**
   * `dependencies`: the stores pinged for `flc_dependency_*` (none in tests that need none);
   * `tenants`: the per-tenant counts (`flc_tenant_*`), with `sockets` where the process holds
   * sockets (the standalone one).
   */
  constructor(
    dependencies: readonly Dependency[] = [],
    tenants?: TenantCounts,
    sockets?: () => Record<string, number>,
  ) {
    registerProcessMetrics(this.registry);
    this.probes = registerDependencyProbes(this.registry, dependencies);
    if (tenants) registerTenantMetrics(this.registry, tenants, sockets);
    this.requests = this.registry.counter('flc_http_requests_total', 'HTTP requests answered.', [
      'method',
      'route',
      'status',
    ]);
    this.durations = this.registry.histogram(
      'flc_http_request_duration_seconds',
      'Time to answer an HTTP request.',
      ['method', 'route'],
    );
  }

  /** `route` is the route's pattern (`/v1/conversations/:id`), never the path: the sets stay few. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.totals.requests += 1;
    if (status >= 500) this.totals.serverErrors += 1;
    this.durations.observe(seconds, { method, route });
  }

  render(): string {
    return this.registry.render();
  }

  /** The last ping of a store (`postgresql`, `redis`), as `/metrics` shows it. */
  dependency(name: string): DependencyReading | undefined {
    return this.probes.reading(name);
  }

  /** Stops pinging the stores (the process is stopping). */
  stop(): void {
    this.probes.stop();
  }
}

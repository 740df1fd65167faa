export { registerProcessMetrics } from './process.ts';
export { Counter, Gauge, Histogram, LATENCY_BUCKETS, type Labels, Registry } from './registry.ts';

/** The content type of the Prometheus text exposition format. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
export {
  type Dependency,
  type DependencyProbeOptions,
  type DependencyReading,
  registerDependencyProbes,
} from './dependencies.ts';
export { OTHER_TENANTS, registerTenantMetrics, TenantCounts } from './tenants.ts';

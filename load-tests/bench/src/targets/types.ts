import type { Teardown } from '../../../../scripts/test-services/teardown.ts';
import type { ProtocolName, SocketSpec } from '../messages.ts';
import type { BenchOptions, TargetName } from '../options.ts';
import type { Services } from '../services.ts';
import type { ProductSeed } from './product.ts';

export interface TargetContext {
  options: BenchOptions;
  services: Services;
  teardown: Teardown;
  /** A private temp dir for this run (plans, data dirs), removed at the end. */
  runDir: string;
  runId: string;
  log(line: string): void;
  /** The product's seeded rooms, made on first use and shared by both product targets. */
  productSeed(): Promise<ProductSeed>;
}

/** A target server up and ready for sockets. */
export interface RunningTarget {
  name: TargetName;
  protocol: ProtocolName;
  /** The process whose RSS and CPU are measured. */
  pid: number;
  /**
   * A process beside it that shares the machine and works on every message (the realtime node's
   * persister workers): its CPU is reported in the log, next to Redis's and PostgreSQL's.
   */
  helper?: { label: string; pid: number };
  sockets: SocketSpec[];
  /** Seeding time in ms (product targets), and whether it was reused from --seed-cache. */
  seedMs?: number;
  seedCached?: boolean;
  stop(): Promise<void>;
  /** The server's recent output, for errors. */
  output(): string;
}

export interface Target {
  name: TargetName;
  label: string;
  start(ctx: TargetContext): Promise<RunningTarget>;
}

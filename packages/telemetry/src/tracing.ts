/**
 * Traces, exported with OTLP (HTTP, protobuf) only when OTEL_EXPORTER_OTLP_ENDPOINT is set. The
 * SDK is imported on `startTracing`, never before: a process without the variable loads none of
 * it, and every call here is one `undefined` check.
 *
 * The platform's own spans name their parent by a W3C `traceparent` string: the context crosses
 * processes (the stream entry, the webhook delivery) as that string anyway. Within a process, a
 * span's work runs with it active (`traced`, `withSpan`, see active.ts), so the database and
 * Redis clients' spans (`startChildSpan`) join whatever is in progress without being told.
 */
import type * as Api from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  activeTraceparent,
  disableActiveContext,
  enableActiveContext,
  withTraceparent,
} from './active.ts';

export type Role = 'api' | 'realtime' | 'workers' | 'persister' | 'webhooks' | 'standalone';
export type SpanKind = 'internal' | 'server' | 'client' | 'producer' | 'consumer';
export type Attributes = Record<string, string | number | boolean | undefined>;

export interface SpanOptions {
  /** The `traceparent` of the parent span (another process's too); none starts a trace. */
  parent?: string | undefined;
  /** Further `traceparent`s this span works for (a batch of several requests' messages). */
  links?: readonly string[];
  kind?: SpanKind;
  attributes?: Attributes;
}

/** A started span: `end` it once; `traceparent` is what its children name as their parent. */
export interface TraceSpan {
  readonly traceparent: string;
  setAttributes(attributes: Attributes): void;
  /** Names it once more is known (a request's route, matched after it started). */
  rename(name: string): void;
  /** Marks the span failed (the error's type and message; never request data). */
  fail(error: unknown): void;
  end(): void;
}

interface Tracing {
  api: typeof Api;
  tracer: Api.Tracer;
  shutdown(): Promise<void>;
}

let tracing: Tracing | undefined;

/** True once `startTracing` set the SDK up: callers skip building what only a span needs. */
export const tracingEnabled = (): boolean => tracing !== undefined;

/**
 * Sets up tracing for this process (or Web Worker) when `OTEL_EXPORTER_OTLP_ENDPOINT` is set:
 * `service.name` is the role, spans go through a batch processor to
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, else the endpoint's `/v1/traces`. Answers whether it did.
 */
export async function startTracing(
  role: Role,
  env: Record<string, string | undefined> = process.env,
): Promise<boolean> {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (tracing || !endpoint) return tracing !== undefined;
  const [sdk, { OTLPTraceExporter }] = await Promise.all([
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-proto'),
  ]);
  const url = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || `${endpoint.replace(/\/+$/, '')}/v1/traces`;
  const processor = new sdk.BatchSpanProcessor(new OTLPTraceExporter({ url }), {
    scheduledDelayMillis: Number(env.OTEL_BSP_SCHEDULE_DELAY) || 1_000,
  });
  await installTracing(env.OTEL_SERVICE_NAME || role, processor);
  return true;
}

/** Sets the SDK up around `processor` (the OTLP exporter's, or a test's in-memory one). */
export async function installTracing(service: string, processor: SpanProcessor): Promise<void> {
  const [api, sdk, resources] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/resources'),
  ]);
  const provider = new sdk.BasicTracerProvider({
    resource: resources.resourceFromAttributes({
      'service.name': service,
      'service.namespace': 'fast-light-chat',
    }),
    spanProcessors: [processor],
  });
  tracing = {
    api,
    tracer: provider.getTracer('fast-light-chat'),
    shutdown: () => provider.shutdown(),
  };
  enableActiveContext();
}

/** Longest a stop waits for the last spans to be sent. */
const STOP_WAIT_MS = 3_000;

/**
 * Sends the spans still buffered and stops tracing (a process or worker about to exit). Never
 * rejects, and waits `STOP_WAIT_MS` at most: a collector that is down costs the last spans, not
 * a clean and prompt exit (the exporter would retry for longer).
 */
export async function stopTracing(): Promise<void> {
  const current = tracing;
  tracing = undefined;
  disableActiveContext();
  if (!current) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, STOP_WAIT_MS);
  });
  await Promise.race([current.shutdown().catch(() => {}), waited]);
  clearTimeout(timer);
}

const KINDS: Record<SpanKind, number> = {
  internal: 0,
  server: 1,
  client: 2,
  producer: 3,
  consumer: 4,
};

/** W3C Trace Context: version-traceid-spanid-flags. */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

function spanContextOf(traceparent: string | undefined): Api.SpanContext | undefined {
  const parts = traceparent === undefined ? null : TRACEPARENT.exec(traceparent.trim());
  if (!parts || /^0+$/.test(parts[1] as string) || /^0+$/.test(parts[2] as string)) {
    return undefined;
  }
  return {
    traceId: parts[1] as string,
    spanId: parts[2] as string,
    traceFlags: Number.parseInt(parts[3] as string, 16),
    isRemote: true,
  };
}

/** A well-formed `traceparent`, or undefined (a malformed one from a client is dropped). */
export const validTraceparent = (value: string | null | undefined): string | undefined =>
  value != null && spanContextOf(value) ? value.trim() : undefined;

function traceparentOf(context: Api.SpanContext): string {
  return `00-${context.traceId}-${context.spanId}-${(context.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

/** Starts a span, or answers undefined when tracing is off (the caller does nothing more). */
export function startSpan(name: string, options: SpanOptions = {}): TraceSpan | undefined {
  const current = tracing;
  if (!current) return undefined;
  const { api, tracer } = current;
  const parent = spanContextOf(options.parent);
  const context = parent ? api.trace.setSpanContext(api.ROOT_CONTEXT, parent) : api.ROOT_CONTEXT;
  const links = options.links?.flatMap((t) => {
    const linked = spanContextOf(t);
    return linked ? [{ context: linked }] : [];
  });
  const span = tracer.startSpan(
    name,
    {
      kind: KINDS[options.kind ?? 'internal'],
      ...(options.attributes && { attributes: defined(options.attributes) }),
      ...(links && links.length > 0 && { links }),
      root: parent === undefined,
    },
    context,
  );
  return {
    traceparent: traceparentOf(span.spanContext()),
    setAttributes: (attributes) => span.setAttributes(defined(attributes)),
    rename: (newName) => span.updateName(newName),
    fail(error) {
      span.setStatus({
        code: api.SpanStatusCode.ERROR,
        message: error instanceof Error ? error.name : 'error',
      });
    },
    end: () => span.end(),
  };
}

/**
 * A span of a client call (a database statement, a Redis command) made for the work in progress:
 * a child of the active span, or none when no span is active (a poll nobody asked for is not
 * traced) or tracing is off.
 */
export function startChildSpan(name: string, attributes: Attributes): TraceSpan | undefined {
  const parent = activeTraceparent();
  return parent === undefined ? undefined : startSpan(name, { parent, kind: 'client', attributes });
}

/** Runs `work` with `span` active (see active.ts); as it is when there is no span. */
export const withSpan = <T>(span: TraceSpan | undefined, work: () => T): T =>
  withTraceparent(span?.traceparent, work);

/**
 * Runs `work` inside a span named `name` (ended when it settles, failed when it throws), with it
 * active; with tracing off, runs it as it is, given `undefined`.
 */
export async function traced<T>(
  name: string,
  options: SpanOptions,
  work: (span: TraceSpan | undefined) => Promise<T>,
): Promise<T> {
  const span = startSpan(name, options);
  if (!span) return work(undefined);
  try {
    return await withSpan(span, () => work(span));
  } catch (error) {
    span.fail(error);
    throw error;
  } finally {
    span.end();
  }
}

function defined(attributes: Attributes): Api.Attributes {
  const out: Api.Attributes = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) out[key] = value;
  return out;
}

/**
 * Span options for work done for several messages at once (a batch): the first traced one's
 * span is the parent, the others are linked. Call it only when `tracingEnabled()`.
 */
export function batchSpanOptions(
  traceparents: Iterable<string | undefined>,
  attributes: Attributes,
  kind: SpanKind = 'consumer',
): SpanOptions {
  const seen = [...new Set([...traceparents].filter((t): t is string => !!t))];
  return { parent: seen[0], links: seen.slice(1), kind, attributes };
}

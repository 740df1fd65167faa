/**
 * Tracing for tests that check the spans a piece of code makes: the real SDK, its spans kept in
 * memory (exported as each ends) instead of sent to a collector.
 */
import { installTracing, stopTracing } from './tracing.ts';

/** A finished span, as a test reads it. */
export interface CollectedSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  attributes: Record<string, unknown>;
  failed: boolean;
}

export interface SpanCollector {
  /** The spans ended so far, oldest first. */
  spans(): CollectedSpan[];
  /** Forgets them. */
  reset(): void;
  stop(): Promise<void>;
}

export async function collectSpans(service = 'test'): Promise<SpanCollector> {
  const { InMemorySpanExporter, SimpleSpanProcessor } = await import(
    '@opentelemetry/sdk-trace-base'
  );
  const exporter = new InMemorySpanExporter();
  await installTracing(service, new SimpleSpanProcessor(exporter));
  return {
    spans: () =>
      exporter.getFinishedSpans().map((s) => ({
        name: s.name,
        kind: s.kind,
        traceId: s.spanContext().traceId,
        spanId: s.spanContext().spanId,
        parentSpanId: s.parentSpanContext?.spanId,
        attributes: { ...s.attributes },
        failed: s.status.code === 2,
      })),
    reset: () => exporter.reset(),
    stop: stopTracing,
  };
}

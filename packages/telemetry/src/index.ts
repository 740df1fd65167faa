export {
  type Attributes,
  batchSpanOptions,
  type Role,
  type SpanKind,
  type SpanOptions,
  startSpan,
  startTracing,
  stopTracing,
  type TraceSpan,
  traced,
  tracingEnabled,
  validTraceparent,
} from './tracing.ts';

export { activeTraceparent, enterTraceparent } from './active.ts';
export {
  type Attributes,
  batchSpanOptions,
  type Role,
  type SpanKind,
  type SpanOptions,
  startChildSpan,
  startSpan,
  startTracing,
  stopTracing,
  type TraceSpan,
  traced,
  tracingEnabled,
  validTraceparent,
  withSpan,
} from './tracing.ts';

export {
  configureLogs,
  createLogger,
  errorReporter,
  type LogFormat,
  type Logger,
  type LogLevel,
  type LogOptions,
  logger,
} from './logger.ts';
export { formatPretty } from './pretty.ts';
export { REDACTED, redactPaths } from './redact.ts';
export { isRequestId, newRequestId, requestIdFrom } from './request-id.ts';

export { PostgresAgentAvailability } from './agent-availability.ts';
export { PostgresAssigner } from './assigner.ts';
export {
  type AuditActor,
  type AuditContext,
  type AuditEntry,
  type AuditOrigin,
  recordAudit,
  systemActor,
} from './audit-log.ts';
export { PostgresAwayReplyClaims } from './away-reply-claims.ts';
export { PostgresBusinessHoursStore } from './business-hours-store.ts';
export { PostgresConversationChanges } from './conversation-changes.ts';
export { PostgresConversationRevs } from './conversation-revs.ts';
export {
  type ActivityPage,
  type ConversationFilter,
  type ConversationPatch,
  PostgresConversationStore,
} from './conversation-store.ts';
export {
  type Database,
  isUniqueViolation,
  type JsonValue,
  type OpenOptions,
  openDatabase,
  type Queryable,
  type Sql,
  type TransactionSql,
} from './database.ts';
export {
  findLabel,
  type LabelledKind,
  labelColumns,
  labelConversation,
  linkLabel,
} from './label-links.ts';
export {
  type MentionRow,
  mentionColumns,
  PostgresMentions,
  toMention,
} from './mentions.ts';
export {
  type AttachmentRow,
  messageAttachment,
  PostgresMessageAttachments,
} from './message-attachments.ts';
export { type MessageRecorderOptions, PostgresMessageRecorder } from './message-recorder.ts';
export { PostgresMessageStore } from './message-store.ts';
export { type Migration, migrate } from './migrate.ts';
export { migrations } from './migrations/index.ts';
export { PLAN_CACHE_MS, PostgresPlanDirectory } from './plan-directory.ts';
export { PostgresPrincipalDirectory } from './principal-directory.ts';
export { PostgresProcessRegistry } from './process-registry.ts';
export { PostgresReplyMailQueue, replyMailSchedule } from './reply-mail.ts';
export {
  type AgentFigures,
  type DayFigures,
  type DurationFigures,
  type OverviewFigures,
  PostgresReports,
  type ReportRange,
  type SatisfactionFigures,
  type TeamFigures,
} from './reports.ts';
export { inScope } from './scope.ts';
export { reindexMessages } from './search-index.ts';
export { PostgresSnoozeWaker } from './snooze-waker.ts';
export {
  analyzedTables,
  analyzeGrown,
  keepStatistics,
  type StatisticsKeeper,
} from './table-statistics.ts';
export { PostgresTranscriptQueue, scheduleTranscript } from './transcripts.ts';
export { PostgresUsageReports } from './usage-reports.ts';
export { PostgresUsageRollup, type UsageRollupOptions, utcDay } from './usage-rollup.ts';
export { PostgresMessageSubscribers, PostgresWebhookOutbox } from './webhook-outbox.ts';
export { PostgresDeliveryQueue, pendingDeliveries } from './webhook-queue.ts';

export { type Actor, type Scope, scopeOf, senderOf } from './actor.ts';
export {
  type Assigner,
  type AssignmentMode,
  AutoAssignment,
  startAssignmentSweep,
} from './assignment.ts';
export { type Candidate, chooseAgent } from './assignment-choice.ts';
export type { BlobStore } from './attachments/blob-store.ts';
export { AttachmentLinks } from './attachments/signing.ts';
export { type Sniffed, sniff } from './attachments/sniff.ts';
export { type AvailabilityHours, availabilityOf } from './availability.ts';
export {
  type AgentAvailability,
  AwayReplies,
  type AwayReplyClaims,
  type AwayReplyOptions,
} from './away-replies.ts';
export type {
  AppendResult,
  Bus,
  BusEvent,
  BusListener,
  Topic,
  Unsubscribe,
} from './bus.ts';
export {
  announceHoursChanged,
  announcePlanChanged,
  announceRevoked,
  availabilityMayHaveChanged,
  availabilityTopic,
  followHoursChanges,
  followPlanChanges,
  platformTopic,
  type Revoked,
  topicKey,
} from './bus.ts';
export {
  type Hours,
  instantOfWall,
  isOpen,
  isTimeZone,
  minutesOf,
  nextOpenAt,
} from './business-hours.ts';
export {
  type BusinessHoursStore,
  type StoredBusinessHours,
  unsetBusinessHours,
} from './business-hours-store.ts';
export { type ConsumeOptions, consume } from './consume.ts';
export type {
  ConversationMove,
  ConversationRepository,
  ConversationRow,
  ConversationStatusValue,
  LastMessage,
  ReadSide,
  RecordedMessage,
} from './conversation-repository.ts';
export {
  type ConversationChange,
  type ConversationChanges,
  ConversationService,
} from './conversation-service.ts';
export {
  ConflictError,
  ForbiddenError,
  type InvalidField,
  InvalidRequestError,
  LimitReachedError,
  NotFoundError,
} from './errors.ts';
export { uuidv7 } from './ids.ts';
export { KnownPlans } from './known-plans.ts';
export { type ConversationLabeling, type LabelRow, toLabel } from './labels.ts';
export {
  announceMentions,
  MENTION_FRAME_PREFIX,
  type MentionMade,
  type MentionRecorder,
  mentionedHandles,
  mentionFrame,
  mentionTarget,
} from './mentions.ts';
export {
  type Audience,
  isNote,
  type Message,
  type MessageAttachments,
  type MessageChange,
  type MessageInput,
  NOTE_FRAME_PREFIX,
  visibleTo,
} from './message.ts';
export {
  type ChangeEventType,
  type ChangeRights,
  type ConversationRevs,
  changeFrame,
  MessageChanges,
  type MessageChangesOptions,
  NOTE_CHANGE_PREFIXES,
} from './message-changes.ts';
export {
  MessageQuota,
  type MonthlyCounter,
  memoryMonthlyCounter,
  monthOf,
  PlanLimitError,
} from './message-quota.ts';
export {
  conversationMoves,
  type MessageRecorder,
  type RecordOutcome,
} from './message-recorder.ts';
export {
  type AppendInput,
  type AppendOrigin,
  announce,
  type ConversationEvent,
  type HistoryRange,
  inboxEventConversation,
  type MessageResource,
  MessageService,
  type MessageServiceOptions,
  toMessageResource,
  toSummary,
} from './message-service.ts';
export type { DailyMessageActivity, MessageRange, MessageStore } from './message-store.ts';
export {
  type BatchOutcome,
  type Delivery,
  type DeliverySource,
  Persister,
  type PersisterDeps,
} from './persister.ts';
export { type EffectivePlan, effectivePlan, lowerLimit, type PlanDirectory } from './plans.ts';
export { type PresenceRegistry, type PresenceStatus, presenceStatus } from './presence.ts';
export type {
  DirectoryAgent,
  DirectoryContact,
  PrincipalDirectory,
} from './principal-directory.ts';
export {
  checkPrincipal,
  type PrincipalCheck,
  resolvePrincipal,
  type VerifiedPrincipal,
  type VerifiedToken,
  verifyPrincipalToken,
} from './principals.ts';
export {
  type ProcessRegistry,
  type ProcessReport,
  type ProcessReporter,
  type ProcessReporterOptions,
  type ProcessRole,
  startProcessReporter,
} from './process-reports.ts';
export {
  type Budget,
  budget,
  gcraTake,
  gcraTakeUpTo,
  type RateLimiter,
} from './rate-limiter.ts';
export { recordedMessage } from './recorded-message.ts';
export * from './reply-mail/index.ts';
export {
  type Highlight,
  type MessageSearch,
  type MessageSearchHit,
  normalizedWords,
  type Snippet,
  searchTerms,
  substringSnippet,
  wordSnippet,
} from './search.ts';
export {
  type SnoozeAlarm,
  type SnoozeAlarmOptions,
  type SnoozeWaker,
  startSnoozeAlarm,
} from './snooze.ts';
export { type TokenClaims, verifyPlatformToken } from './tokens.ts';
export * from './transcript/index.ts';
export type { UnpersistedMessages } from './unpersisted-messages.ts';
export {
  type ClaimedUsageReport,
  startUsageMetering,
  type UsageMetering,
  type UsageMeteringOptions,
  type UsageReportQueue,
  usageRetryMs,
} from './usage-metering.ts';
export * from './webhooks/index.ts';

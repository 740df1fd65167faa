import { join } from 'node:path';
import { type Config, platformVersion, resolveJwtSecret } from '@flc/config';
import {
  type AgentAvailability,
  AttachmentLinks,
  type Audience,
  AutoAssignment,
  AwayReplies,
  type BlobStore,
  type Bus,
  type BusinessHoursStore,
  ConversationService,
  followHoursChanges,
  followPlanChanges,
  KnownPlans,
  type MailSender,
  type Message,
  MessageChanges,
  MessageQuota,
  MessageService,
  type MessageServiceOptions,
  type MessageStore,
  memoryMonthlyCounter,
  type PlanDirectory,
  type PresenceRegistry,
  type ProcessRegistry,
  type ProcessReporter,
  type ProcessReporterOptions,
  type ProcessRole,
  RATING_LINK_DAYS,
  type RateLimiter,
  RatingLinks,
  ReplyAddresses,
  type ReplyMailer,
  startProcessReporter,
  startReplyMailer,
  startTranscriptMailer,
  startUsageMetering,
  type TranscriptMailer,
  type UsageMetering,
} from '@flc/core';
import { errorReporter, recentProblems } from '@flc/log';
import { TenantCounts } from '@flc/metrics';
import { FileBlobStore } from '../blobs/file-blob-store.ts';
import { S3BlobStore } from '../blobs/s3-blob-store.ts';
import { createMemoryBus } from '../bus/memory.ts';
import { createRedisBus, type RedisBus } from '../bus/redis-bus.ts';
import { createRedisUnpersisted } from '../bus/redis-unpersisted.ts';
import { openMessageStore } from '../message-store.ts';
import { PostgresAgentAvailability } from '../postgres/agent-availability.ts';
import { PostgresAssigner } from '../postgres/assigner.ts';
import { PostgresAwayReplyClaims } from '../postgres/away-reply-claims.ts';
import { PostgresBusinessHoursStore } from '../postgres/business-hours-store.ts';
import { PostgresConversationChanges } from '../postgres/conversation-changes.ts';
import { PostgresConversationRevs } from '../postgres/conversation-revs.ts';
import { PostgresConversationStore } from '../postgres/conversation-store.ts';
import { type Database, openDatabase } from '../postgres/database.ts';
import { PostgresMentions } from '../postgres/mentions.ts';
import { PostgresMessageAttachments } from '../postgres/message-attachments.ts';
import { PostgresMessageRecorder } from '../postgres/message-recorder.ts';
import { migrate } from '../postgres/migrate.ts';
import { PostgresPlanDirectory } from '../postgres/plan-directory.ts';
import { PostgresPrincipalDirectory } from '../postgres/principal-directory.ts';
import { PostgresProcessRegistry } from '../postgres/process-registry.ts';
import { PostgresReplyMailQueue } from '../postgres/reply-mail.ts';
import { PostgresTranscriptQueue } from '../postgres/transcripts.ts';
import { PostgresUsageReports } from '../postgres/usage-reports.ts';
import { PostgresUsageRollup } from '../postgres/usage-rollup.ts';
import { createMemoryPresence } from '../presence/memory.ts';
import { createRedisPresence } from '../presence/redis.ts';
import { createMemoryRateLimiter } from '../rate-limit/memory.ts';
import { createRedisMonthlyCounter } from '../rate-limit/monthly.ts';
import { createRedisRateLimiter } from '../rate-limit/redis.ts';
import type { RedisContext } from '../redis/server.ts';
import { redisSettingsOf } from '../redis/settings.ts';

/**
 * What the routes and the gateway of one process share, made once by `openPlatform`: one
 * database, one bus, one message store and one MessageService, so that every write of the
 * process to a conversation takes one path, in one order.
 */
export interface PlatformParts {
  config: Config;
  /** `JWT_SECRET`, or the embedded profile's generated one. */
  jwtSecret: string;
  db: Database;
  /** Gives messages their seq and fans events out (in memory, or Redis for the scaled profile). */
  bus: Bus;
  /** Message history: PostgreSQL, or MongoDB with `MONGODB_URL`. */
  messageStore: MessageStore;
  conversations: PostgresConversationStore;
  principals: PostgresPrincipalDirectory;
  /** The append and history path of every message of this process. */
  messages: MessageService;
  /** Edits and deletes of stored messages. */
  messageChanges: MessageChanges;
  /** Opening, changing, reading and waking conversations, with their events. */
  conversationService: ConversationService;
  /** Which agents have a socket open, on any node. */
  presence: PresenceRegistry;
  /** Gives waiting conversations to online agents of their team, by the environment's policy. */
  assignment: AutoAssignment;
  /** Rate limits: in this process's memory, or in Redis shared by every process. */
  rateLimiter: RateLimiter;
  /** Attachment bytes: an S3 bucket (`FLC_S3_ENDPOINT`), or files under `FLC_DATA_DIR`. */
  blobs: BlobStore;
  /** Environments' business hours (in the database, beside the environments). */
  businessHours: BusinessHoursStore;
  /** Whether an agent of an organization can answer now (presence, minus away and disabled). */
  agentAvailability: AgentAvailability;
  /** The away auto-reply to visitors' messages; `forget` after the hours change. */
  awayReplies: AwayReplies;
  /** Where the install's processes report in (the System page). */
  processes: ProcessRegistry;
  /**
   * Each tenant's effective plan (its plan, overrides, `FLC_DEFAULT_PLAN`): one per process,
   * batched per tick and kept 10 s, forgotten when a plan change is announced.
   */
  planDirectory: PlanDirectory;
  /**
   * Tenants' plan limits for the send path, kept until announced changed (one per process,
   * shared by the gateway and the monthly quota).
   */
  knownPlans: KnownPlans;
  /** Asks Redis for an answer, when the process has one (the System page's check). */
  pingRedis: (() => Promise<void>) | undefined;
}

/**
 * The stores the process pings for `/metrics` (`flc_dependency_up`, `flc_dependency_ping_seconds`):
 * the database, and Redis when there is one.
 */
export function platformDependencies(
  parts: Pick<PlatformParts, 'db' | 'pingRedis'>,
): { name: string; ping(): Promise<void> }[] {
  const dependencies = [{ name: 'postgresql', ping: () => parts.db.ping() }];
  if (parts.pingRedis) dependencies.push({ name: 'redis', ping: parts.pingRedis });
  return dependencies;
}

export interface Platform extends PlatformParts {
  /** With Redis: the connections the bus, presence and history share. */
  redis: RedisContext | undefined;
  /** The Redis bus, when there is one (its `stats()` feed a node's `/metrics`). */
  redisBus: RedisBus | undefined;
  /** Where messages are kept, for logs. */
  messageStoreKind: 'mongodb' | 'postgresql';
  /** Per-tenant counts for `/metrics` (`registerTenantMetrics`), bounded by its config. */
  tenants: TenantCounts;
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** Names this process's Redis connections (`CLIENT LIST`). */
  name: string;
  /**
   * `read`: lists who is online (the API); `write`: connects agents too (a realtime node);
   * or a registry of the process's own (the standalone process shares one in memory).
   */
  presence: 'read' | 'write' | PresenceRegistry;
  /** A database already open (tests); else one is opened from the config, and migrated. */
  db?: Database;
  /** Keep messages in PostgreSQL even with `MONGODB_URL` (the standalone process does). */
  ignoreMongo?: boolean;
}

/**
 * Opens what one process of the platform runs on, from its configuration: the database
 * (PGlite under `FLC_DATA_DIR`, or `DATABASE_URL`), the message store, the bus (in memory and
 * written through; or with `REDIS_URL` / `REDIS_CLUSTER_NODES`, Redis, deferred to the
 * persisters, with history reads filled from the streams), presence, and the one MessageService.
 * `close()` closes what it opened, in order.
 */
export async function openPlatform(config: Config, options: PlatformOptions): Promise<Platform> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    let { db } = options;
    if (!db) {
      const opened = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        sharedBuffersMb: config.embeddedSharedBuffersMb,
      });
      closers.push(() => opened.close());
      await migrate(opened.sql);
      db = opened;
    }
    const mongodbUrl = options.ignoreMongo ? undefined : config.mongodbUrl;
    const store = await openMessageStore({ mongodbUrl, sql: db.sql });
    closers.push(() => store.close());
    const messageStore = store.store;
    const conversations = new PostgresConversationStore(db.sql);
    const principals = new PostgresPrincipalDirectory(db.sql);
    // Numbering continues from the store when the bus has no counter (a restart, a fresh Redis).
    const initialSeq = (conversationId: string, audience: Audience) =>
      messageStore.headSeq(conversationId, audience);
    const mentions = new PostgresMentions(db.sql);

    const settings = redisSettingsOf(config);
    // The Redis client is loaded only when it is used: the embedded profile stays smaller at rest.
    const redis =
      settings && (await import('../redis/server.ts')).openRedis(settings, options.name);
    if (redis) closers.push(() => redis.close());
    let bus: Bus;
    let redisBus: RedisBus | undefined;
    let persistence: MessageServiceOptions;
    if (redis) {
      redisBus = createRedisBus(redis, { initialSeq });
      bus = redisBus;
      // The persisters store messages behind the bus; history reads fill from the streams.
      persistence = {
        persistence: 'deferred',
        unpersisted: createRedisUnpersisted(redis),
        mentions,
      };
    } else {
      // One process: after a restart it numbers on from the stored history, and a cid it does
      // not hold is looked up in the store while the conversation may have such cids.
      const memoryBus = createMemoryBus({
        initialSeq,
        storedByCid: (organizationId, conversationId, cid) =>
          messageStore.byCid(organizationId, conversationId, cid),
      });
      bus = memoryBus;
      persistence = {
        persistence: 'write-through',
        recorder: new PostgresMessageRecorder(db.sql, messageStore, {
          replyMailDelaySeconds: replyMailDelaySeconds(config),
        }),
        mentions,
        persisted: (message) => memoryBus.persisted(message),
      };
    }
    closers.push(() => bus.close());

    let presence: PresenceRegistry;
    if (typeof options.presence === 'object') {
      presence = options.presence;
    } else if (redis) {
      presence = createRedisPresence(redis, { readOnly: options.presence === 'read' });
      closers.push(() => presence.close());
    } else {
      // Alone, nobody connects agents anywhere else.
      presence = createMemoryPresence();
    }

    const assignment = new AutoAssignment(bus, new PostgresAssigner(db.sql), presence);
    const jwtSecret = resolveJwtSecret(config);
    const businessHours = new PostgresBusinessHoursStore(db.sql);
    const agentAvailability = new PostgresAgentAvailability(db.sql, presence);
    // The away reply writes through the one MessageService, made just below.
    let messages: MessageService | undefined;
    const awayReplies = new AwayReplies({
      hours: businessHours,
      agents: agentAvailability,
      claims: new PostgresAwayReplyClaims(db.sql),
      conversations,
      recent: (organizationId, conversationId, beforeSeq, limit) =>
        (messages as MessageService).before(organizationId, conversationId, beforeSeq, limit),
      send: async (input) => {
        await (messages as MessageService).appendSystem(input);
      },
    });
    // Per-tenant counts for `/metrics` (bounded labels); not even a call when they are off.
    const tenants = new TenantCounts(config.metricsTenantLabels);
    const planDirectory = new PostgresPlanDirectory(db.sql, config.defaultPlan ?? null);
    // A plan changed by an operator through any process applies in every one at once.
    await followPlanChanges(bus, (organizationId) => planDirectory.forget(organizationId));
    // So are business hours: the away reply keeps them until they change (a reset forgets all).
    await followHoursChanges(bus, (environmentId) => awayReplies.forget(environmentId));
    // One per process: the gateway's send budget and the quota read a tenant's plan once.
    const knownPlans = new KnownPlans(planDirectory);
    // Messages a month (the plan's): counted in Redis by every process, or here when alone.
    const quota = new MessageQuota(
      knownPlans,
      redis ? createRedisMonthlyCounter(redis) : memoryMonthlyCounter(),
      async (organizationId, since) =>
        (await messageStore.countSince([organizationId], since)).get(organizationId) ?? 0,
    );
    messages = new MessageService(bus, messageStore, conversations, {
      ...persistence,
      ...(tenants.enabled && { appended: (m: Message) => tenants.message(m.organizationId) }),
      quota,
      assignment,
      attachments: new PostgresMessageAttachments(
        db.sql,
        new AttachmentLinks(jwtSecret, config.attachmentLinkTtl),
      ),
      visitorWrote: (message, environmentId) => awayReplies.visitorWrote(message, environmentId),
    });
    return {
      config,
      jwtSecret,
      tenants,
      db,
      bus,
      messageStore,
      conversations,
      principals,
      messages,
      messageChanges: new MessageChanges(
        bus,
        messageStore,
        conversations,
        new PostgresConversationRevs(db.sql),
        { visitorEditWindowMs: config.visitorEditWindowSeconds * 1000 },
      ),
      conversationService: new ConversationService(
        bus,
        conversations,
        new PostgresConversationChanges(db.sql),
        principals,
        { openConversationsPerVisitor: config.openConversationsPerVisitor },
        assignment,
      ),
      presence,
      assignment,
      rateLimiter: redis ? createRedisRateLimiter(redis) : createMemoryRateLimiter(),
      blobs: openBlobStore(config),
      businessHours,
      agentAvailability,
      awayReplies,
      processes: new PostgresProcessRegistry(db.sql),
      planDirectory,
      knownPlans,
      pingRedis: redis
        ? async () => {
            await redis.commands.ping();
          }
        : undefined,
      redis,
      redisBus,
      messageStoreKind: store.kind,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** With email continuity on (`FLC_INBOUND_MAIL_DOMAIN`), how long a reply waits for its mail. */
export const replyMailDelaySeconds = (config: Config): number | undefined =>
  config.inboundMailDomain ? config.emailReplyDelaySeconds : undefined;

/** The signed reply addresses and unsubscribe tokens, when email continuity is on. */
export function replyAddressesOf(
  parts: Pick<PlatformParts, 'config' | 'jwtSecret'>,
): ReplyAddresses | undefined {
  const domain = parts.config.inboundMailDomain;
  return domain ? new ReplyAddresses(parts.jwtSecret, domain) : undefined;
}

/**
 * Mails visitors the replies they have not seen (email continuity), when it is on and the
 * process can send mail; the standalone process and the workers processes each run one (claims
 * keep them from mailing twice). Rounds every few seconds, more often for a short delay.
 */
export function startPlatformReplyMailer(
  parts: Pick<PlatformParts, 'config' | 'jwtSecret' | 'db' | 'messageStore'>,
  mailer: MailSender | undefined,
): ReplyMailer | undefined {
  const { config } = parts;
  const delay = replyMailDelaySeconds(config);
  const addresses = replyAddressesOf(parts);
  if (delay === undefined || !addresses || !mailer || !config.publicUrl) return undefined;
  return startReplyMailer({
    queue: new PostgresReplyMailQueue(parts.db.sql, delay, config.defaultPlan ?? null),
    messages: parts.messageStore,
    mailer,
    addresses,
    publicOrigin: new URL(config.publicUrl).origin,
    everyMs: Math.min(5_000, delay * 250),
  });
}

/**
 * Mails a closed conversation's transcript with its rating links, beside the reply mails and on
 * the same terms (email continuity on, a mailer, `FLC_PUBLIC_URL`); the same processes run it.
 */
export function startPlatformTranscriptMailer(
  parts: Pick<PlatformParts, 'config' | 'jwtSecret' | 'db' | 'messageStore'>,
  mailer: MailSender | undefined,
): TranscriptMailer | undefined {
  const { config } = parts;
  const addresses = replyAddressesOf(parts);
  if (!addresses || !mailer || !config.publicUrl) return undefined;
  return startTranscriptMailer({
    queue: new PostgresTranscriptQueue(parts.db.sql, config.defaultPlan ?? null),
    messages: parts.messageStore,
    mailer,
    addresses,
    ratings: new RatingLinks(parts.jwtSecret),
    attachments: new AttachmentLinks(parts.jwtSecret, RATING_LINK_DAYS * 86_400),
    publicOrigin: new URL(config.publicUrl).origin,
    // Not urgent: a close is mailed within a couple of seconds, one cheap query a round.
    everyMs: 2_000,
  });
}

/**
 * Usage metering (FLC_METERING_INTERVAL; 0: off): the rollup of each tenant's day from the
 * stores, and the `usage.daily` reports to FLC_USAGE_WEBHOOK_URL. The workers processes and the
 * standalone run it; any number at once is safe.
 */
export function startPlatformUsageMetering(
  parts: Pick<PlatformParts, 'config' | 'db' | 'messageStore'>,
): UsageMetering | undefined {
  const { config } = parts;
  if (config.meteringInterval === 0) return undefined;
  const { usageWebhookUrl: url, usageWebhookSecret: secret } = config;
  const webhook = url && secret ? { url, secret } : undefined;
  return startUsageMetering({
    rollup: new PostgresUsageRollup(parts.db.sql, {
      messages: parts.messageStore,
      graceMs: config.meteringGrace * 1000,
      report: Boolean(webhook),
      reportRetentionMs: config.usageReportRetention * 86_400_000,
    }),
    everyMs: config.meteringInterval * 1000,
    webhook: webhook && { ...webhook, queue: new PostgresUsageReports(parts.db.sql) },
  });
}

/** Where attachments go: the configured bucket, or the data directory. */
export function openBlobStore(config: Config): BlobStore {
  if (!config.s3Endpoint) return new FileBlobStore(join(config.dataDir, 'attachments'));
  return new S3BlobStore({
    endpoint: config.s3Endpoint,
    bucket: config.s3Bucket,
    region: config.s3Region,
    accessKeyId: config.s3AccessKeyId,
    secretAccessKey: config.s3SecretAccessKey,
  });
}

/**
 * Reports this process to the install's registry every few seconds (the System page): its
 * memory, CPU and last problems beside the role's own figures.
 */
export function startPlatformReporter(
  parts: Pick<PlatformParts, 'processes'>,
  role: ProcessRole,
  figures: ProcessReporterOptions['figures'],
  intervalMs?: number,
): ProcessReporter {
  return startProcessReporter({
    registry: parts.processes,
    role,
    version: platformVersion,
    figures,
    problems: recentProblems,
    onError: errorReporter('system', 'reporting the process failed'),
    ...(intervalMs === undefined ? {} : { intervalMs }),
  });
}

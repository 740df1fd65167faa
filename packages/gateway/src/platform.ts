import {
  type Actor,
  type AgentAvailability,
  type AutoAssignment,
  type Budget,
  type Bus,
  type BusinessHoursStore,
  budget,
  type ConversationRepository,
  type ConversationService,
  type KnownPlans,
  type MessageChanges,
  type MessageService,
  NotFoundError,
  type PlanDirectory,
  type PresenceRegistry,
  type PrincipalDirectory,
  type RateLimiter,
  resolvePrincipal,
  scopeOf,
  type VerifiedToken,
  verifyPrincipalToken,
} from '@flc/core';
import type { GatewayDeps, GatewayLimits, Principal } from './types.ts';

export interface PlatformDeps {
  bus: Bus;
  /** The process's one append and history path, shared with its REST routes. */
  messages: MessageService;
  /** Marking read (and the rest of what happens to conversations), shared with REST. */
  conversationService: ConversationService;
  conversations: ConversationRepository;
  principals: PrincipalDirectory;
  /** The secret the API signs agent and visitor tokens with. */
  jwtSecret: string;
  /** Agents' presence across nodes (shared with the API, which lists it). */
  presence?: PresenceRegistry;
  /** Counts socket opens per principal (`FLC_SOCKET_OPENS_PER_MINUTE`), across nodes with Redis. */
  rateLimiter?: RateLimiter;
  /** Runs an assignment round when an agent comes online and something waits. */
  assignment?: Pick<AutoAssignment, 'cameOnline'>;
  config?: { socketOpensPerMinute: number; organizationSendsPerSecond?: number };
  /** Present when the platform runs on Redis: the rate limiter is then shared by every node. */
  redis?: unknown;
  /** Edits and deletes: a resuming socket gets those after its `afterRev`. */
  messageChanges?: Pick<MessageChanges, 'after'>;
  /** With `agentAvailability`: visitors are told live when availability changes. */
  businessHours?: Pick<BusinessHoursStore, 'get'>;
  agentAvailability?: AgentAvailability;
  /** Tenants' plans: their `sendsPerSecond` lowers the install's send budget. */
  planDirectory?: PlanDirectory;
  /** The process's known plans (shared with the quota): preferred to `planDirectory`. */
  knownPlans?: KnownPlans;
}

/** The limits a host's configuration sets; the rest keep `defaultLimits`. */
export function configuredLimits(config: {
  socketsPerPrincipal: number;
  organizationSendsPerSecond: number;
  inboxCoalesceMs: number;
  socketFramesPerSecond: number;
  socketFrameBurst: number;
  socketAbuseThreshold: number;
  socketMaxSubscriptions: number;
  socketMaxBufferedBytes: number;
}): Partial<GatewayLimits> {
  return {
    maxSocketsPerPrincipal: config.socketsPerPrincipal,
    organizationSendsPerSecond: config.organizationSendsPerSecond,
    inboxCoalesceMs: config.inboxCoalesceMs,
    framesPerSecond: config.socketFramesPerSecond,
    frameBurst: config.socketFrameBurst,
    abuseThreshold: config.socketAbuseThreshold,
    maxSubscriptions: config.socketMaxSubscriptions,
    maxBufferedBytes: config.socketMaxBufferedBytes,
  };
}

const actorOf = (p: Principal): Actor => {
  const actor: Actor = { type: p.type, id: p.id, organizationId: p.organizationId };
  if (actor.type === 'visitor' && p.environmentId !== undefined) {
    actor.environmentId = p.environmentId;
  }
  if (p.name !== undefined) actor.name = p.name;
  return actor;
};

/**
 * The verified token's principal as the directory knows it now; null when revoked or gone,
 * `suspended` when its organization is.
 */
async function resolve(
  deps: PlatformDeps,
  token: VerifiedToken,
): Promise<Principal | null | 'suspended'> {
  const check = await resolvePrincipal(deps.principals, token);
  if (!check.ok) {
    // Gone, or of a suspended organization (the directory says gone for both): the token's
    // signed `org` tells them apart, on this rare path only.
    const org = token.claims.org;
    const suspended =
      typeof org === 'string' && (await deps.principals.organizationSuspended?.(org));
    return suspended ? 'suspended' : null;
  }
  const { principal } = check;
  const expiry = principal.expiresAt === undefined ? {} : { expiresAt: principal.expiresAt };
  if (principal.type === 'agent') {
    const { id, organizationId, name } = principal;
    return { type: 'agent', id, organizationId, name, ...expiry };
  }
  const visitor: Principal = {
    type: 'visitor',
    id: principal.id,
    organizationId: principal.organizationId,
    allowedOrigins: principal.allowedOrigins,
    environmentId: principal.environmentId,
    ...expiry,
  };
  if (principal.name) visitor.name = principal.name;
  return visitor;
}

/**
 * What the realtime gateway needs from the platform, on the same services as REST: the same
 * token checks, the same tenancy scope, the same append path. Every host of the gateway (the
 * standalone Bun process, the Node realtime nodes) builds it from its own adapters.
 */
export function platformGatewayDeps(deps: PlatformDeps): GatewayDeps {
  const { bus, conversations, messages, messageChanges: changes } = deps;
  const { presence: registry, principals, rateLimiter: limiter } = deps;
  const opens = deps.config && budget('socket-opens', deps.config.socketOpensPerMinute, 60_000);
  // One budget per organization across the nodes (at the rate that applies to it, the install's
  // or its plan's); a node alone keeps its own buckets.
  const sendsAcrossNodes = Boolean(deps.redis && deps.config);
  const { businessHours: hours, agentAvailability: agents } = deps;
  return {
    bus,
    ...(hours &&
      agents && {
        availability: {
          hours: (organizationId: string, environmentId: string) =>
            hours.get(organizationId, environmentId),
          anyOnline: (organizationId: string) => agents.anyOnline(organizationId),
        },
      }),
    ...(registry && {
      presence: {
        registry,
        status: async (agentId: string) =>
          (await principals.agentAway(agentId)) ? 'away' : 'online',
        ...(deps.assignment && {
          cameOnline: async (organizationId: string) => {
            await deps.assignment?.cameOnline(organizationId);
          },
        }),
      },
    }),
    verify: (token) => verifyPrincipalToken(deps.jwtSecret, token),
    resolve: (token) => resolve(deps, token),
    async access(principal, conversationId) {
      try {
        const row = await conversations.get(scopeOf(actorOf(principal)), conversationId);
        return { organizationId: row.organization_id };
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
    async append(principal, { organizationId, ...input }) {
      return (await messages.appendChecked(actorOf(principal), organizationId, input)).message;
    },
    async history(principal, conversationId, afterSeq, limit) {
      const page = await messages.history(actorOf(principal), conversationId, { afterSeq, limit });
      return page.items;
    },
    async stillValid(principal) {
      if (principal.type === 'agent') return (await principals.activeAgent(principal.id)) !== null;
      if (!principal.environmentId) return true;
      return (await principals.contact(principal.id, principal.environmentId)) !== null;
    },
    ...(changes && {
      changes: (principal: Principal, organizationId: string, id: string, afterRev: number) =>
        changes.after(
          organizationId,
          id,
          afterRev,
          principal.type === 'visitor' ? 'visitor' : 'team',
        ),
    }),
    markRead: (principal, conversationId, seq) =>
      deps.conversationService.markRead(actorOf(principal), conversationId, seq),
    ...(opens &&
      limiter && {
        takeOpen: (principal: Pick<Principal, 'type' | 'id'>) =>
          limiter.take(opens, `${principal.type}:${principal.id}`),
      }),
    ...(sendsAcrossNodes &&
      limiter && {
        leaseSends: (organizationId: string, n: number, perSecond: number) =>
          limiter.takeUpTo(budget('org-sends', perSecond, 1_000) as Budget, organizationId, n),
      }),
    ...((deps.knownPlans ?? deps.planDirectory) && {
      plans: deps.knownPlans ?? deps.planDirectory,
    }),
  };
}

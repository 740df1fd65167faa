import type {
  Bus,
  KnownPlans,
  Message,
  PlanDirectory,
  PresenceRegistry,
  PresenceStatus,
  VerifiedToken,
} from '@flc/core';
import type { Principal as WirePrincipal } from '@flc/protocol';
import type { AvailabilitySource } from './visitor-availability.ts';

/** Who is on the socket, as the directory knew its token's subject before `ready`. */
export interface Principal extends WirePrincipal {
  name?: string;
  /** When the token expires (epoch ms): the socket is closed with 4001 then. */
  expiresAt?: number;
  /** For visitors: the environment's allowed origins (empty or absent = any). */
  allowedOrigins?: string[];
  /** For visitors: their contact's environment (deleting it ends their sockets). */
  environmentId?: string;
}

/** The answer to an upgrade request: the token's subject, or the HTTP refusal to send instead. */
export type Admission =
  | { ok: true; subject: VerifiedToken }
  | { ok: false; status: 401 | 429; body: string };

/** What the transport keeps of an admitted upgrade for `open`. */
export interface Admitted {
  subject: VerifiedToken;
  /** The request's `Origin` header, when it had one (checked for visitors after the upgrade). */
  origin: string | undefined;
}

export type SendStatus = 'sent' | 'buffered' | 'dropped';

/** What a transport (uWebSockets.js, Bun.serve) gives the gateway for one socket. */
export interface Connection {
  send(frame: string): SendStatus;
  close(code: number, reason?: string): void;
  /** Bytes queued and not yet written to the network. */
  bufferedAmount(): number;
  /**
   * Joins a channel of the transport's native publish (see `InboxFanout`); false when the
   * transport has none or the socket is gone. Frames published there arrive after every frame
   * this socket was sent before.
   */
  join?(channel: string): boolean;
  leave?(channel: string): void;
}

export interface SendInput {
  conversationId: string;
  cid: string;
  body: string;
  /** A note (agents only: the gateway refuses a visitor's). */
  kind?: 'note';
  /** Ids of attachments uploaded to the conversation, sent with the message. */
  attachments?: readonly string[];
  /** The conversation's organization, as `access` answered it for this socket. */
  organizationId: string;
  /** The socket's request id (its session id): logged with the append wherever it goes. */
  requestId?: string;
}

/**
 * What the gateway needs from the rest of the platform. Each function enforces tenancy itself:
 * a conversation the principal may not touch answers `null`, never another tenant's data.
 */
export interface GatewayDeps {
  bus: Bus;
  /**
   * The token's subject when its signature, expiry and shape are good, else null (401).
   * Synchronous: transports decide the upgrade inside their handler, and write its 101 corked.
   */
  verify(token: string): VerifiedToken | null;
  /**
   * After the upgrade, before `ready`: the subject as the directory knows it now (active agent,
   * existing contact; for visitors with their environment's allowed origins), or null when it is
   * revoked or gone (the socket is closed with 4001), or `suspended` when its organization is
   * (closed with 4003: the client stops rather than fetch a token it cannot get).
   */
  resolve(subject: VerifiedToken): Promise<Principal | null | 'suspended'>;
  /** The conversation's organization when the principal may use it, else null (not_found). */
  access(principal: Principal, conversationId: string): Promise<{ organizationId: string } | null>;
  /**
   * The one append path shared with REST: seq, bus, store, inbox event. Called only after
   * `access` allowed the conversation to this principal.
   */
  append(principal: Principal, input: SendInput): Promise<Message>;
  /** Stored messages after `afterSeq`, ascending, at most `limit`. */
  history(
    principal: Principal,
    conversationId: string,
    afterSeq: number,
    limit: number,
  ): Promise<Omit<Message, 'organizationId'>[]>;
  /**
   * The messages of the organization's conversation edited or deleted after `afterRev` that the
   * principal may see, as they are now, and the conversation's last rev (the caller checked
   * access). Without it, `afterRev` is ignored and `headRev` is absent.
   */
  changes?(
    principal: Principal,
    organizationId: string,
    conversationId: string,
    afterRev: number,
  ): Promise<{ changes: Omit<Message, 'organizationId'>[]; headRev: number }>;
  markRead(principal: Principal, conversationId: string, seq: number): Promise<void>;
  /** Whether the principal is still allowed in (active agent, existing contact): rechecked after
   * the node may have missed a revocation. */
  stillValid(principal: Principal): Promise<boolean>;
  /**
   * Spends a slot of the principal's socket-open budget, shared by every node: 0 when granted,
   * else the seconds until one is free (the socket is closed with 4008 before `ready`). Asked
   * together with the directory (an open refused for any reason has spent its slot). Without
   * it, opens are not counted.
   */
  takeOpen?(principal: Pick<Principal, 'type' | 'id'>): Promise<number>;
  /**
   * Leases up to `n` sends of the organization's budget of `perSecond`, shared by every node: how
   * many it got. Without it, each node keeps the budget for itself (see `SendBudget`).
   */
  leaseSends?(organizationId: string, n: number, perSecond: number): Promise<number>;
  /**
   * Tenants' plans: a plan's `sendsPerSecond` lowers `organizationSendsPerSecond` for its
   * tenants. Without it, every organization has the install's budget. The process's `KnownPlans`
   * when it has one (read once for the gateway and the quota), else a directory of its own.
   */
  plans?: PlanDirectory | KnownPlans;
  /**
   * Agents' presence across nodes. Without it, presence is this node's alone: an agent who
   * leaves one node while connected to another is announced offline.
   */
  presence?: {
    registry: PresenceRegistry;
    /** What teammates see of a connected agent: online, or away by the agent's choice. */
    status(agentId: string): Promise<Exclude<PresenceStatus, 'offline'>>;
    /** The agent came online: conversations waiting for a free agent may go to them now. */
    cameOnline?(organizationId: string, agentId: string): Promise<void>;
  };
  /**
   * What visitors' availability is made of (business hours, agents online). Without it, visitor
   * sockets get no `availability` frames.
   */
  availability?: AvailabilitySource;
  /** Counts for the node's `/metrics`; without it nothing is counted. */
  metrics?: GatewayMetrics;
}

/** What a gateway reports about its traffic (the host renders it for Prometheus). */
export interface GatewayMetrics {
  /**
   * A frame from a client: its type when it parsed, else why it was refused (`invalid`,
   * `rate_limited`, `too_large`). The set is small and fixed.
   */
  frameIn(type: string): void;
  /** A frame written to one socket by the gateway itself (acks, backfills, errors, deliveries). */
  frameOut(): void;
  /** Seconds from a `send` frame's arrival to its `ack`: the append, as the client sees it. */
  acked(seconds: number): void;
}

export interface GatewayLimits {
  /** Frames a socket may send per second (token bucket refill) and its burst. */
  framesPerSecond: number;
  frameBurst: number;
  /**
   * Sends per second across one organization: all its sockets on this node, or on every node
   * when the deps lease from a shared budget (`leaseSends`).
   */
  organizationSendsPerSecond: number;
  /** Rate-limited frames within `abuseWindowMs` after which the socket is closed with 4008. */
  abuseThreshold: number;
  abuseWindowMs: number;
  /** Buffered bytes past which a socket is closed with 4009. */
  maxBufferedBytes: number;
  /** Conversations one socket may follow at once. */
  maxSubscriptions: number;
  /** Sockets one visitor or agent may hold open on this node; more upgrades get 429. */
  maxSocketsPerPrincipal: number;
  /**
   * Milliseconds within which agents get only a conversation's newest inbox event after the
   * first (see `InboxFanout`); 0 sends every event.
   */
  inboxCoalesceMs: number;
}

export const defaultLimits: GatewayLimits = {
  framesPerSecond: 20,
  frameBurst: 60,
  organizationSendsPerSecond: 2_000,
  abuseThreshold: 50,
  abuseWindowMs: 10_000,
  maxBufferedBytes: 1024 * 1024,
  maxSubscriptions: 200,
  maxSocketsPerPrincipal: 20,
  inboxCoalesceMs: 200,
};

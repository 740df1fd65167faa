import {
  InvalidRequestError,
  KnownPlans,
  type Message,
  PlanLimitError,
  platformTopic,
} from '@flc/core';
import { type Logger, logger } from '@flc/log';
import {
  type ClientFrame,
  type ClientFrameOf,
  CloseCode,
  type ErrorCode,
  parseClientFrame,
  limits as protocolLimits,
  type ServerFrameOf,
} from '@flc/protocol';
import { conversationTopic, Follows } from './follows.ts';
import { InboxFanout, type InboxMember, type NativeFanout } from './inbox-fanout.ts';
import { NodePresence } from './presence.ts';
import { SendBudget } from './send-budget.ts';
import { newSessionState, type Session } from './session.ts';
import { TokenBucket } from './token-bucket.ts';
import {
  type Admission,
  type Admitted,
  type Connection,
  defaultLimits,
  type GatewayDeps,
  type GatewayLimits,
  type Principal,
} from './types.ts';
import { VisitorAvailability } from './visitor-availability.ts';

/** How often sessions are checked for an expired token. */
const EXPIRY_SWEEP_MS = 1000;
/** How often the sockets of inboxes are checked for falling behind (see `watchSlowInboxes`). */
const SLOW_SWEEP_MS = 250;

const refusal = (
  status: 401 | 429,
  code: string,
  message: string,
): Extract<Admission, { ok: false }> => ({
  ok: false,
  status,
  body: JSON.stringify({ error: { code, message } }),
});
const refusals = {
  unauthorized: refusal(401, 'unauthorized', 'Missing, expired or invalid token'),
  tooManySockets: refusal(429, 'rate_limited', 'Too many sockets open for this principal'),
};

const keyOf = (principal: { type: string; id: string }) => `${principal.type}:${principal.id}`;

export type { Session } from './session.ts';

/**
 * The realtime gateway, independent of any transport: it turns frames into appends, follows
 * and relays, and bus events into frames. Transports call `authenticate` before the upgrade,
 * then `open`, `message` and `close` for each socket.
 */
export class Gateway {
  private readonly limits: GatewayLimits;
  private readonly sessions = new Set<Session>();
  /** Open sockets per principal (`type:id`) on this node. */
  private readonly perPrincipal = new Map<string, number>();
  private readonly sendBudget: SendBudget;
  private readonly presence: NodePresence;
  private expirySweep: ReturnType<typeof setInterval> | undefined;
  private slowSweep: ReturnType<typeof setInterval> | undefined;
  /** One bus subscription per organization inbox, delivered natively where the transport can. */
  private readonly inbox: InboxFanout;
  private readonly inboxSessions = new Set<Session>();
  /** Following the platform's own events (revocations), from the first socket on. */
  private platformFollow: Promise<unknown> | undefined;
  private readonly follows: Follows;
  /** Visitors' live availability, when the platform tells what it is made of. */
  private readonly availability: VisitorAvailability | null;
  private readonly log: Logger = logger('gateway');

  constructor(
    private readonly deps: GatewayDeps,
    limits: Partial<GatewayLimits> = {},
  ) {
    this.limits = { ...defaultLimits, ...limits };
    this.presence = new NodePresence(deps.bus, deps.presence);
    const plans = deps.plans && KnownPlans.of(deps.plans);
    this.sendBudget = new SendBudget(
      this.limits.organizationSendsPerSecond,
      deps.leaseSends?.bind(deps),
      plans && ((organizationId) => plans.limit(organizationId, 'sendsPerSecond')),
    );
    this.inbox = new InboxFanout(deps.bus, this.limits.inboxCoalesceMs);
    this.availability = deps.availability
      ? new VisitorAvailability({
          bus: deps.bus,
          source: deps.availability,
          sendRaw: (session, frame) => this.sendRaw(session, frame),
        })
      : null;
    this.follows = new Follows({
      deps,
      maxSubscriptions: this.limits.maxSubscriptions,
      sendRaw: (session, frame) => this.sendRaw(session, frame),
      send: (session, frame) => this.send(session, frame),
      drop: (session, code, reason) => this.drop(session, code, reason),
    });
  }

  /**
   * Decides an upgrade synchronously, inside the transport's handler, from the token alone: 401
   * for a missing, expired or forged token, 429 past the sockets a principal may hold on this
   * node. What needs the directory or the shared budget is decided after the upgrade, before
   * `ready` (see `admitOpened`).
   */
  admit(token: string | null | undefined): Admission {
    const subject = token ? this.deps.verify(token) : null;
    if (!subject) return refusals.unauthorized;
    if ((this.perPrincipal.get(keyOf(subject)) ?? 0) >= this.limits.maxSocketsPerPrincipal) {
      return refusals.tooManySockets;
    }
    return { ok: true, subject };
  }

  get size(): number {
    return this.sessions.size;
  }

  /**
   * The visitors (distinct contacts) with a socket open on this node, per organization: what
   * the node reports every few seconds for the operators' "active visitors now". Walks every
   * socket, so it is for a report, never for the message path.
   */
  /** Sockets open per organization (agents' and visitors'), for the per-tenant `/metrics`. */
  socketsByOrganization(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { principal } of this.sessions) {
      // A socket not admitted yet has no organization.
      if (principal.organizationId === '') continue;
      counts[principal.organizationId] = (counts[principal.organizationId] ?? 0) + 1;
    }
    return counts;
  }

  visitorsByOrganization(): Record<string, number> {
    const seen = new Map<string, Set<string>>();
    for (const { principal } of this.sessions) {
      // A socket not admitted yet has no organization.
      if (principal.type !== 'visitor' || principal.organizationId === '') continue;
      const visitors = seen.get(principal.organizationId) ?? new Set<string>();
      visitors.add(principal.id);
      seen.set(principal.organizationId, visitors);
    }
    return Object.fromEntries([...seen].map(([org, visitors]) => [org, visitors.size]));
  }

  /**
   * A socket the transport upgraded after `admit`. It gets nothing, and its frames wait, until
   * `admitOpened` has read its principal back from the directory.
   */
  open(connection: Connection, admitted: Admitted): Session {
    this.platformFollow ??= this.followPlatform();
    const { subject } = admitted;
    const principal: Principal = { type: subject.type, id: subject.id, organizationId: '' };
    if (subject.type === 'visitor') principal.environmentId = subject.environmentId;
    if (subject.expiresAt !== undefined) principal.expiresAt = subject.expiresAt;
    const session: Session = {
      principal,
      connection,
      state: newSessionState(),
      bucket: new TokenBucket(this.limits.framesPerSecond, this.limits.frameBurst),
    };
    this.sessions.add(session);
    const key = keyOf(principal);
    const held = (this.perPrincipal.get(key) ?? 0) + 1;
    this.perPrincipal.set(key, held);
    // Upgrades admitted together can overshoot the cap that `admit` checked: the last ones go.
    if (held > this.limits.maxSocketsPerPrincipal) {
      connection.close(CloseCode.policy, 'too many sockets');
      this.close(session);
      return session;
    }
    if (principal.expiresAt !== undefined) this.watchExpiry();
    // The socket's frames queue behind its admission, so none is handled for a principal that
    // has not been read back yet.
    session.state.queue = this.admitOpened(session, admitted).catch((error: unknown) => {
      this.log.error({ err: error, requestId: session.state.id }, 'admitting a socket failed');
      this.drop(session, CloseCode.restarting, 'try again');
    });
    return session;
  }

  /**
   * The rest of the admission, after the upgrade and before `ready`: the principal as the
   * directory knows it now (4001 when revoked or gone, 4003 when its organization is suspended),
   * a visitor's page origin (4003), and the
   * socket-open budget shared by every node (4008). A refused socket gets no frame at all.
   */
  private async admitOpened(session: Session, { subject, origin }: Admitted): Promise<void> {
    // One round trip, not two: the directory and the shared budget are asked together.
    const [principal, wait = 0] = await Promise.all([
      this.deps.resolve(subject),
      this.deps.takeOpen?.(subject),
    ]);
    if (session.state.closed) return;
    if (!principal) return this.drop(session, CloseCode.unauthorized, 'access revoked');
    if (principal === 'suspended') {
      return this.drop(session, CloseCode.forbidden, 'organization suspended');
    }
    const allowed = principal.allowedOrigins;
    if (origin && allowed && allowed.length > 0 && !allowed.includes(origin)) {
      return this.drop(session, CloseCode.forbidden, 'origin not allowed');
    }
    if (wait > 0) {
      return this.drop(
        session,
        CloseCode.policy,
        `too many opens; retry after ${Math.ceil(wait)} s`,
      );
    }
    session.principal = principal;
    if (principal.type !== 'agent') {
      this.ready(session);
      this.availability?.join(session);
      return;
    }
    // An agent's `ready` waits for the inbox: every inbox event after it reaches the socket.
    try {
      if (!(await this.joinInbox(session))) return;
    } catch (error) {
      this.log.error(
        { err: error, requestId: session.state.id, organizationId: principal.organizationId },
        'joining the inbox failed',
      );
      return this.drop(session, CloseCode.restarting, 'try again');
    }
    this.ready(session);
    this.presence.joined(principal).catch((error: unknown) => {
      this.log.error(
        { err: error, requestId: session.state.id, organizationId: principal.organizationId },
        'announcing presence failed',
      );
    });
  }

  private drop(session: Session, code: number, reason: string): void {
    session.connection.close(code, reason);
    this.close(session);
  }

  private ready(session: Session): void {
    const { principal } = session;
    if (this.log.isLevelEnabled('debug')) {
      this.log.debug(
        {
          requestId: session.state.id,
          organizationId: principal.organizationId,
          principal: principal.type,
        },
        'socket open',
      );
    }
    this.send(session, {
      t: 'ready',
      sessionId: session.state.id,
      principal: {
        type: principal.type,
        id: principal.id,
        organizationId: principal.organizationId,
      },
      heartbeatMs: protocolLimits.heartbeatMs,
    });
  }

  message(session: Session, data: string | ArrayBuffer | Uint8Array): void {
    if (session.state.closed) return;
    const size = typeof data === 'string' ? data.length : data.byteLength;
    if (size > protocolLimits.maxFrameBytes) {
      this.deps.metrics?.frameIn('too_large');
      session.connection.close(CloseCode.tooLarge, 'frame too large');
      return;
    }
    if (!session.bucket.take()) {
      this.deps.metrics?.frameIn('rate_limited');
      this.abuse(session);
      this.error(session, 'rate_limited', 'Too many frames; slow down');
      return;
    }
    const parsed = parseClientFrame(data);
    if (!parsed.ok) {
      this.deps.metrics?.frameIn('invalid');
      this.error(session, parsed.code, parsed.message, parsed.ref);
      return;
    }
    const { frame } = parsed;
    this.deps.metrics?.frameIn(frame.t);
    session.state.queue = session.state.queue
      .then(() => this.handle(session, frame))
      .catch((error: unknown) => {
        this.log.error(
          {
            err: error,
            frame: frame.t,
            requestId: session.state.id,
            organizationId: session.principal.organizationId,
          },
          'a frame failed',
        );
        this.error(
          session,
          'internal',
          'Something went wrong on our side',
          'cid' in frame ? frame.cid : frame.t,
        );
      });
  }

  /**
   * Forgets a socket. The transport calls it with the close code once the socket is closed (the
   * gateway itself calls it without one, after closing it), and that call is logged at `debug`.
   */
  close(session: Session, code?: number): void {
    if (code !== undefined && this.log.isLevelEnabled('debug')) {
      const { principal } = session;
      this.log.debug(
        {
          requestId: session.state.id,
          organizationId: principal.organizationId,
          principal: principal.type,
          code,
        },
        'socket closed',
      );
    }
    if (!this.sessions.delete(session)) return;
    const key = keyOf(session.principal);
    const held = (this.perPrincipal.get(key) ?? 1) - 1;
    if (held > 0) this.perPrincipal.set(key, held);
    else this.perPrincipal.delete(key);
    session.state.closed = true;
    session.state.unfollowAll();
    if (session.principal.type === 'visitor') this.availability?.leave(session);
    // Only a socket that joined the inbox counts towards the agent's presence.
    if (session.state.inbox) {
      this.inboxSessions.delete(session);
      session.state.inbox();
      void this.presence.left(session.principal);
    }
  }

  /**
   * Revocations reach every node: an agent disabled or removed, or an environment deleted,
   * loses its open sockets at once (4001, as for an expired token: the client's refresh or
   * boot then fails). An organization suspended (or deleted) by an operator loses every socket
   * with 4003: its clients stop rather than retry. A node that may have missed some checks every
   * socket's principal again.
   */
  private followPlatform(): Promise<unknown> {
    return this.deps.bus
      .subscribe(platformTopic, (event) => {
        if (event.type === 'reset') return void this.recheckPrincipals();
        if (event.type !== 'signal' || !event.frame.startsWith('{"t":"revoked"')) return;
        const revoked = JSON.parse(event.frame) as {
          agentId?: string;
          environmentId?: string;
          contactId?: string;
          organizationId?: string;
        };
        for (const session of [...this.sessions]) {
          const { principal } = session;
          if (principal.organizationId === revoked.organizationId) {
            this.drop(session, CloseCode.forbidden, 'organization suspended');
            continue;
          }
          const gone =
            principal.type === 'agent'
              ? principal.id === revoked.agentId
              : principal.id === revoked.contactId ||
                (principal.environmentId !== undefined &&
                  principal.environmentId === revoked.environmentId);
          if (gone) this.revoke(session);
        }
      })
      .catch((error: unknown) => {
        this.log.error({ err: error }, 'following revocations failed');
        this.platformFollow = undefined;
      });
  }

  private recheckPrincipals(): void {
    for (const session of [...this.sessions]) {
      this.deps.stillValid(session.principal).then(
        (valid) => {
          if (!valid) this.revoke(session);
        },
        (error: unknown) =>
          this.log.error(
            { err: error, requestId: session.state.id },
            'rechecking a principal failed',
          ),
      );
    }
  }

  private revoke(session: Session): void {
    session.connection.close(CloseCode.unauthorized, 'access revoked');
    this.close(session);
  }

  /** Resolves once every presence change under way (registry and announcement) is done. */
  presenceSettled(): Promise<void> {
    return this.presence.settled();
  }

  /** Stops the node: every client is told to reconnect elsewhere (1012) and resume. */
  shutdown(): void {
    this.availability?.stop();
    clearInterval(this.expirySweep);
    this.expirySweep = undefined;
    clearInterval(this.slowSweep);
    this.slowSweep = undefined;
    for (const session of [...this.sessions]) {
      session.connection.close(CloseCode.restarting, 'node restarting');
      this.close(session);
    }
  }

  /** One timer for the node, not one per socket: expired sessions are closed with 4001. */
  private watchExpiry(): void {
    if (this.expirySweep) return;
    this.expirySweep = setInterval(() => {
      const now = Date.now();
      for (const session of this.sessions) {
        const { expiresAt } = session.principal;
        if (expiresAt !== undefined && expiresAt <= now) {
          session.connection.close(CloseCode.unauthorized, 'token expired');
          this.close(session);
        }
      }
    }, EXPIRY_SWEEP_MS);
    this.expirySweep.unref?.();
  }

  private async handle(session: Session, frame: ClientFrame): Promise<void> {
    switch (frame.t) {
      case 'send':
        return this.onSend(session, frame);
      case 'subscribe': {
        const org = await this.allowed(session, frame.conversationId, frame.t);
        if (!org) return;
        return this.follows.subscribe(
          session,
          org,
          frame.conversationId,
          frame.afterSeq,
          frame.afterRev,
        );
      }
      case 'unsubscribe':
        return this.follows.unsubscribe(session, frame.conversationId);
      case 'typing': {
        const org = await this.allowed(session, frame.conversationId, frame.t);
        if (!org) return;
        return this.deps.bus.signal(
          this.topic(org, frame.conversationId),
          JSON.stringify({
            t: 'typing',
            conversationId: frame.conversationId,
            sender: this.sender(session),
            on: frame.on,
          }),
        );
      }
      case 'read': {
        const org = await this.allowed(session, frame.conversationId, frame.t);
        if (!org) return;
        await this.deps.markRead(session.principal, frame.conversationId, frame.seq);
        return this.deps.bus.signal(
          this.topic(org, frame.conversationId),
          JSON.stringify({
            t: 'read',
            conversationId: frame.conversationId,
            reader: this.sender(session),
            seq: frame.seq,
          }),
        );
      }
      case 'ping':
        this.send(session, frame.ts === undefined ? { t: 'pong' } : { t: 'pong', ts: frame.ts });
        return;
      case 'inbox': {
        const member = session.state.inboxMember;
        if (!member) {
          this.error(session, 'forbidden', 'Only an agent socket has an inbox', frame.t);
          return;
        }
        this.inbox.narrow(session.principal.organizationId, member, frame.filter);
        this.send(session, { t: 'inbox', filter: frame.filter });
        return;
      }
    }
  }

  private async onSend(session: Session, frame: ClientFrameOf<'send'>): Promise<void> {
    const started = performance.now();
    const org = await this.allowed(session, frame.conversationId, frame.cid);
    if (!org) return;
    const note = frame.kind === 'note';
    if (note && session.principal.type === 'visitor') {
      this.error(session, 'forbidden', 'Visitors cannot write notes', frame.cid);
      return;
    }
    const allowed = this.sendBudget.take(org);
    if (allowed === false || (allowed !== true && !(await allowed))) {
      this.error(session, 'rate_limited', 'Your organization is sending too fast', frame.cid);
      return;
    }
    let message: Message;
    try {
      message = await this.deps.append(session.principal, {
        conversationId: frame.conversationId,
        cid: frame.cid,
        body: frame.body,
        organizationId: org,
        requestId: session.state.id,
        ...(note && { kind: 'note' as const }),
        ...(frame.attachments && { attachments: frame.attachments }),
      });
    } catch (error) {
      // The plan's messages of the month are spent: said with the plan's number.
      if (error instanceof PlanLimitError) {
        this.error(session, 'plan_limit_reached', error.message, frame.cid);
        return;
      }
      // An attachment that is not the conversation's: the client's mistake, said as such.
      if (!(error instanceof InvalidRequestError)) throw error;
      const why = error.fields.map((f) => `${f.path}: ${f.message}`).join('; ');
      this.error(session, 'bad_frame', why, frame.cid);
      return;
    }
    this.send(session, {
      t: 'ack',
      cid: frame.cid,
      id: message.id,
      conversationId: message.conversationId,
      seq: message.seq,
      createdAt: message.createdAt,
    });
    this.deps.metrics?.acked((performance.now() - started) / 1000);
  }

  /**
   * Follows the organization's inbox through the node's one subscription to it (`InboxFanout`);
   * false when the socket closed meanwhile.
   */
  private async joinInbox(session: Session): Promise<boolean> {
    const { organizationId } = session.principal;
    const { connection } = session;
    const member: InboxMember = {
      agentId: session.principal.id,
      join: (channel) => connection.join?.(channel) ?? false,
      leave: (channel) => connection.leave?.(channel),
      deliver: (frame) => this.sendRaw(session, frame),
      // Inbox events were lost and are kept nowhere: the console reconnects and reloads.
      interrupted: () => {
        connection.close(CloseCode.restarting, 'inbox interrupted');
        this.close(session);
      },
    };
    await this.inbox.join(organizationId, member);
    if (session.state.closed) {
      void this.inbox.leave(organizationId, member);
      return false;
    }
    session.state.inbox = () => void this.inbox.leave(organizationId, member);
    session.state.inboxMember = member;
    this.inboxSessions.add(session);
    this.watchSlowInboxes();
    return true;
  }

  /**
   * Published inbox frames skip `sendRaw`'s slow-socket check, so the sockets in an inbox are
   * checked on a timer instead: one that cannot keep up is closed with 4009 long before the
   * transport's own backpressure limit would drop frames.
   */
  private watchSlowInboxes(): void {
    if (this.slowSweep) return;
    this.slowSweep = setInterval(() => {
      for (const session of this.inboxSessions) {
        if (session.connection.bufferedAmount() > this.limits.maxBufferedBytes) {
          session.connection.close(CloseCode.tooSlow, 'too slow');
          this.close(session);
        }
      }
    }, SLOW_SWEEP_MS);
    this.slowSweep.unref?.();
  }

  /**
   * Lets the transport deliver inbox events in native code: one publish per event reaches every
   * agent socket of the organization on this node.
   */
  useNativeFanout(native: NativeFanout): void {
    this.inbox.useNative(native);
  }

  /** The conversation's organization if this socket may touch it; else answers not_found. */
  private async allowed(
    session: Session,
    conversationId: string,
    ref: string,
  ): Promise<string | null> {
    const known = session.state.allowed.get(conversationId);
    if (known) return known;
    const access = await this.deps.access(session.principal, conversationId);
    if (!access) {
      this.error(session, 'not_found', 'No such conversation', ref);
      return null;
    }
    if (session.state.allowed.size > 1000) session.state.allowed.clear();
    session.state.allowed.set(conversationId, access.organizationId);
    return access.organizationId;
  }

  private topic(organizationId: string, conversationId: string) {
    return conversationTopic(organizationId, conversationId);
  }

  private sender(session: Session) {
    const { principal } = session;
    return principal.name === undefined
      ? { type: principal.type, id: principal.id }
      : { type: principal.type, id: principal.id, name: principal.name };
  }

  private abuse(session: Session): void {
    const now = performance.now();
    const recent = (session.state.abuse ?? []).filter((t) => now - t < this.limits.abuseWindowMs);
    recent.push(now);
    session.state.abuse = recent;
    if (recent.length >= this.limits.abuseThreshold) {
      session.connection.close(CloseCode.policy, 'rate limit exceeded');
    }
  }

  private error(session: Session, code: ErrorCode, message: string, ref?: string): void {
    this.send(
      session,
      ref === undefined ? { t: 'error', code, message } : { t: 'error', code, message, ref },
    );
  }

  private send(
    session: Session,
    frame: ServerFrameOf<'ready' | 'ack' | 'subscribed' | 'inbox' | 'pong' | 'error'>,
  ): void {
    this.sendRaw(session, JSON.stringify(frame));
  }

  /** Every write goes through here: a socket that cannot keep up is closed, never waited for. */
  private sendRaw(session: Session, frame: string): void {
    if (session.state.closed) return;
    this.deps.metrics?.frameOut();
    const status = session.connection.send(frame);
    if (
      status === 'dropped' ||
      session.connection.bufferedAmount() > this.limits.maxBufferedBytes
    ) {
      session.connection.close(CloseCode.tooSlow, 'too slow');
      this.close(session);
    }
  }
}

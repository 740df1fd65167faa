import type { Audience, Message, MessageInput } from './message.ts';

/**
 * Where an event goes: everyone following one conversation (its visitor and agents), every
 * agent of one organization (the inbox), or every realtime node (the platform's own events,
 * such as a revoked principal; rare, and followed by each gateway once).
 */
export type Topic =
  | { kind: 'conversation'; organizationId: string; conversationId: string }
  | { kind: 'organization'; organizationId: string }
  /**
   * Whether an organization's visitors can get an answer may have changed (an agent came or
   * went, business hours were saved): followed by the nodes that hold its visitors' sockets.
   */
  | { kind: 'availability'; organizationId: string }
  | { kind: 'platform'; organizationId: '' };

export const platformTopic: Topic = { kind: 'platform', organizationId: '' };

export const topicKey = (topic: Topic): string =>
  topic.kind === 'conversation'
    ? `c:${topic.conversationId}`
    : topic.kind === 'organization'
      ? `o:${topic.organizationId}`
      : topic.kind === 'availability'
        ? `a:${topic.organizationId}`
        : 'p';

export const availabilityTopic = (organizationId: string): Topic => ({
  kind: 'availability',
  organizationId,
});

/**
 * Tells the nodes holding the organization's visitors to read its availability again: sent
 * when an agent's presence changed (the organization may have gone from nobody to somebody
 * online, or back) and when an environment's business hours were saved.
 */
export function availabilityMayHaveChanged(
  bus: Pick<Bus, 'signal'>,
  organizationId: string,
): Promise<void> {
  return bus.signal(availabilityTopic(organizationId), '{"t":"availability"}');
}

/**
 * Who lost access: an agent (disabled or removed), every visitor of an environment (deleted),
 * one visitor (its contact erased), or every agent and visitor of an organization (suspended
 * or deleted by an operator).
 */
export type Revoked =
  | { agentId: string }
  | { environmentId: string }
  | { contactId: string }
  | { organizationId: string };

/**
 * Tells every node that a principal lost access, so its open sockets are closed at once
 * (REST, refresh and new connections refuse it by themselves).
 */
export function announceRevoked(bus: Pick<Bus, 'signal'>, revoked: Revoked): Promise<void> {
  return bus.signal(platformTopic, JSON.stringify({ t: 'revoked', ...revoked }));
}

/**
 * Tells every process that something it keeps (kind `t`) changed, so each forgets what it holds
 * of `key` (null: of every one) and reads it again at its next use.
 */
function announceForget(
  bus: Pick<Bus, 'signal'>,
  t: string,
  field: string,
  key: string | null,
): Promise<void> {
  return bus.signal(platformTopic, JSON.stringify({ t, [field]: key }));
}

/** Follows what `announceForget` tells of kind `t`: `forget` one key's, or (no key) every one's. */
function followForgets(
  bus: Pick<Bus, 'subscribe'>,
  t: string,
  field: string,
  forget: (key?: string) => void,
): Promise<Unsubscribe> {
  const prefix = `{"t":${JSON.stringify(t)}`;
  return bus.subscribe(platformTopic, (event) => {
    // Signals may have been lost: forget them all.
    if (event.type === 'reset') return forget();
    if (event.type !== 'signal' || !event.frame.startsWith(prefix)) return;
    const key = (JSON.parse(event.frame) as Record<string, string | null>)[field];
    forget(key ?? undefined);
  });
}

/**
 * Tells every process that a tenant's plan changed (or, with null, a plan itself), so each
 * forgets what it holds of it and reads it again at its next use.
 */
export function announcePlanChanged(
  bus: Pick<Bus, 'signal'>,
  organizationId: string | null,
): Promise<void> {
  return announceForget(bus, 'plan', 'organizationId', organizationId);
}

/** Follows plan changes announced by any process: `forget` the tenant's plan, or every one. */
export function followPlanChanges(
  bus: Pick<Bus, 'subscribe'>,
  forget: (organizationId?: string) => void,
): Promise<Unsubscribe> {
  return followForgets(bus, 'plan', 'organizationId', forget);
}

/**
 * Tells every process that an environment's business hours changed, so each forgets what it
 * holds of them (the away reply) and reads them again at its next use.
 */
export function announceHoursChanged(
  bus: Pick<Bus, 'signal'>,
  environmentId: string,
): Promise<void> {
  return announceForget(bus, 'hours', 'environmentId', environmentId);
}

/** Follows business-hours changes announced by any process: `forget` one environment's, or all. */
export function followHoursChanges(
  bus: Pick<Bus, 'subscribe'>,
  forget: (environmentId?: string) => void,
): Promise<Unsubscribe> {
  return followForgets(bus, 'hours', 'environmentId', forget);
}

export type BusEvent =
  /**
   * A new message. `frame` is its serialized `message` frame, the same bytes for every subscriber;
   * `seq` is `message.seq`, readable without building the message (a bus may build it lazily).
   */
  | { type: 'message'; topic: Topic; message: Message; seq: number; frame: string }
  /** Anything not stored (typing, read, presence, inbox updates): a serialized server frame. */
  | { type: 'signal'; topic: Topic; frame: string }
  /**
   * Events of the topic may have been lost and could not be recovered (the bus lost its link to
   * a server and the durable log no longer holds what was missed, or it holds no messages for
   * an organization's signals): the listener catches up by itself, from the store or by asking
   * its client to reconnect. Ordered with the topic's other events; the memory bus never sends it.
   */
  | { type: 'reset'; topic: Topic };

export type BusListener = (event: BusEvent) => void;
export type Unsubscribe = () => void;

export interface AppendResult {
  message: Message;
  /** True when this `cid` was already appended: `message` is the first one and nothing was published. */
  duplicate: boolean;
}

/**
 * The fan-out bus between gateway nodes. Implementations: in memory (one process) and Redis
 * Streams (many nodes). Both pass the same conformance suite.
 */
export interface Bus {
  /**
   * Gives the message the conversation's next `seq` and publishes it to the conversation's
   * topic, as one atomic step. Idempotent by `(conversationId, cid)`. In the same step a message
   * (not a note) after one or more notes gets `prevSeq`, the seq of the newest earlier message
   * that is not a note, and a note's frame starts with `NOTE_FRAME_PREFIX`.
   */
  append(input: MessageInput): Promise<AppendResult>;
  /** Publishes an ephemeral frame to a topic's subscribers on every node. */
  signal(topic: Topic, frame: string): Promise<void>;
  /**
   * Starts delivering the topic's events to `listener` on this node. Resolves once every event
   * published after this point is sure to be delivered, so a caller can subscribe first and then
   * backfill from the store without a gap.
   */
  subscribe(topic: Topic, listener: BusListener): Promise<Unsubscribe>;
  /**
   * The conversation's last assigned `seq` (0 before the first message); for the `visitor`
   * audience, the last one that is not a note. Default: the team's (every seq).
   */
  headSeq(conversationId: string, audience?: Audience): Promise<number>;
  /**
   * Forgets everything it holds of these conversations (deleted: a data subject's erasure): the
   * durable log's entries and the remembered cids with their bodies. Appends to them must have
   * stopped (the conversations are gone from the store).
   */
  erase(conversationIds: readonly string[]): Promise<void>;
  /**
   * A stored message was edited or deleted (`message` as it is now): the bus keeps no older copy
   * of its body — its durable log entry goes (the store holds it), and a retried send of its cid
   * is answered with the message as it is now.
   */
  changed(message: Message): Promise<void>;
  close(): Promise<void>;
}

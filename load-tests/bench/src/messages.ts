/** What the orchestrator and the load generator processes say to each other (over Bun IPC). */

export type ProtocolName = 'flc' | 'bare' | 'socketio' | 'centrifugo';
export type Role = 'v' | 'a';

export interface SocketSpec {
  url: string;
  role: Role;
  /** The room's name on the wire (bare, Socket.IO) or its conversation id (the product). */
  room: string;
  /** Tenant scenario: the socket's place among the visitors, or among the agents. */
  index?: number;
  /** Centrifugo: the connection token its `connect` command carries. */
  token?: string;
}

export interface ClientPlan {
  index: number;
  protocol: ProtocolName;
  /**
   * `rooms` (the default): two per room, side by side (visitor, agent), a room's peers in the
   * same process. `tenant`: this process's share of the visitors and of the agents.
   */
  scenario?: 'rooms' | 'tenant';
  /** Tenant scenario: the visitors in all processes (what an agent hears from). */
  visitors?: number;
  sockets: SocketSpec[];
  connectWindow: number;
  bodyPadding: number;
  /**
   * Rooms and soak: this process's visitors reconnected per second while a phase runs (closed,
   * opened again, subscribed again), in turn.
   */
  churn?: number;
}

export type Command =
  | { cmd: 'connect' }
  | { cmd: 'subscribe' }
  /** Tenant scenario: start counting the phase's inbox events, before any process sends. */
  | { cmd: 'prepare'; phase: number }
  | { cmd: 'run'; phase: number; rate: number; seconds: number; drainSeconds: number }
  /** Tenant scenario, after every process said `sent`: the messages each agent should hear of. */
  | { cmd: 'drain'; phase: number; perAgent: number }
  | { cmd: 'close' };

export interface ConnectReport {
  ms: number;
  ok: number;
  failed: number;
  /** A few distinct reasons for failures, for the log. */
  reasons: string[];
}

export interface PhaseReport {
  ev: 'phase';
  phase: number;
  sent: number;
  /** Messages not sent because the socket (or its room's peer) was closed. */
  skipped: number;
  /** Messages not sent because the sender or its room's peer was being reconnected on purpose. */
  churned?: number;
  /** Churn: the reconnects made, and those that came back (ready and subscribed again). */
  reconnects?: number;
  reconnected?: number;
  delivered: number;
  /** send→deliver latencies in ms, one per delivered message. */
  latencies: number[];
  /** Seconds from the first send to the last one. */
  sendSeconds: number;
  /** Milliseconds the drain took (until every message arrived, or the limit). */
  drainMs: number;
  /** This process's CPU use over the phase, in percent of one core. */
  cpu: number;
  /** Error frames by code, and sockets closed by the server meanwhile. */
  errors: Record<string, number>;
  closed: number;
  /** Tenant scenario: inbox events of this phase received, all agents of this process. */
  inboxEvents?: number;
  /** Tenant scenario: per agent of this process, the messages its inbox events covered. */
  perAgent?: number[];
}

/** Tenant scenario: a process finished sending its share of the phase (and waits for `drain`). */
export interface SentReport {
  ev: 'sent';
  phase: number;
  sent: number;
  skipped: number;
}

export type ClientEvent =
  | { ev: 'hello' }
  | ({ ev: 'connected' } & ConnectReport)
  | ({ ev: 'subscribed' } & ConnectReport)
  | PhaseReport
  | SentReport
  | { ev: 'prepared'; phase: number }
  | { ev: 'fatal'; error: string };

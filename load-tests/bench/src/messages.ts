/** What the orchestrator and the load generator processes say to each other (over Bun IPC). */

export type ProtocolName = 'flc' | 'bare' | 'socketio';
export type Role = 'v' | 'a';

export interface SocketSpec {
  url: string;
  role: Role;
  /** The room's name on the wire (bare, Socket.IO) or its conversation id (the product). */
  room: string;
}

export interface ClientPlan {
  index: number;
  protocol: ProtocolName;
  /** Two per room, side by side (visitor, agent): a room's peers live in the same process. */
  sockets: SocketSpec[];
  connectWindow: number;
  bodyPadding: number;
}

export type Command =
  | { cmd: 'connect' }
  | { cmd: 'subscribe' }
  | { cmd: 'run'; phase: number; rate: number; seconds: number; drainSeconds: number }
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
}

export type ClientEvent =
  | { ev: 'hello' }
  | ({ ev: 'connected' } & ConnectReport)
  | ({ ev: 'subscribed' } & ConnectReport)
  | PhaseReport
  | { ev: 'fatal'; error: string };

import { type Static, Type as T } from '@sinclair/typebox';
import { Nullable, Timestamp } from './common.ts';

export const ProcessRole = T.Union(
  [T.Literal('api'), T.Literal('realtime'), T.Literal('workers'), T.Literal('standalone')],
  { description: 'What the process runs' },
);
export type ProcessRole = Static<typeof ProcessRole>;

export const ProcessProblem = T.Object({
  at: Timestamp,
  level: T.Union([T.Literal('warn'), T.Literal('error'), T.Literal('fatal')]),
  component: T.String({ description: 'The part of the process that logged it' }),
  message: T.String({ description: "The log line's message and its error's (300 characters)" }),
});
export type ProcessProblem = Static<typeof ProcessProblem>;

export const ProcessStatus = T.Object({
  id: T.String(),
  role: ProcessRole,
  version: T.String(),
  host: T.String(),
  pid: T.Integer(),
  startedAt: Timestamp,
  reportedAt: Timestamp,
  state: T.Union([T.Literal('up'), T.Literal('silent')], {
    description: 'up: reported within the last 30 s; silent: not since (stopped unannounced?)',
  }),
  stats: T.Record(T.String(), T.Number(), {
    description:
      'Figures of the last report: every process rssBytes, heapUsedBytes, cpuPercent, uptimeSeconds; an API requestsPerSecond, serverErrorsPerSecond; a node sockets, topics, framesInPerSecond, framesOutPerSecond, receivedPerSecond; a workers process workers, persisterLag, persisterPending, webhookBacklog, storedPerSecond, deliveredPerSecond, webhookFailuresPerSecond',
  }),
  problems: T.Array(ProcessProblem, {
    description: 'Its last warnings and errors, oldest first (at most 20)',
  }),
});
export type ProcessStatus = Static<typeof ProcessStatus>;

export const DependencyCheck = T.Object({
  status: T.Union([T.Literal('ok'), T.Literal('down')]),
  latencyMs: T.Number({ description: 'How long the check took' }),
});
export type DependencyCheck = Static<typeof DependencyCheck>;

/** The install as its processes report it (the System page). */
export const SystemStatus = T.Object({
  version: T.String({ description: 'The version of the process that answered' }),
  checkedAt: Timestamp,
  database: DependencyCheck,
  redis: Nullable(DependencyCheck, { description: 'null: the install runs without Redis' }),
  processes: T.Array(ProcessStatus, {
    description: 'Every process that reported in the last 24 hours, by role then host',
  }),
});
export type SystemStatus = Static<typeof SystemStatus>;

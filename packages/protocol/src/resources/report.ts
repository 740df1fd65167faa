import { type Static, Type as T } from '@sinclair/typebox';
import { Id, Nullable } from './common.ts';

// The console's reports (`GET /v1/reports/...`): one organization's conversations over a range of
// calendar days in a time zone. Durations are seconds, to the millisecond.

/** A calendar day, `YYYY-MM-DD`. */
export const ReportDate = T.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** How many, and their median and 90th percentile (interpolated); null when none. */
export const ReportDurations = T.Object({
  count: T.Integer({ minimum: 0 }),
  median: Nullable(T.Number({ minimum: 0 })),
  p90: Nullable(T.Number({ minimum: 0 })),
});
export type ReportDurations = Static<typeof ReportDurations>;

export const ReportSatisfaction = T.Object({
  count: T.Integer({ minimum: 0, description: 'Ratings given in the range' }),
  average: Nullable(T.Number({ minimum: 1, maximum: 5, description: 'Mean score, 2 decimals' })),
});
export type ReportSatisfaction = Static<typeof ReportSatisfaction>;

const figures = {
  opened: T.Integer({ minimum: 0, description: 'Conversations opened' }),
  closed: T.Integer({ minimum: 0, description: 'Conversations closed (and still closed)' }),
  firstResponse: {
    ...ReportDurations,
    description: "Of the conversations opened: from opening to an agent's first reply",
  },
  resolution: {
    ...ReportDurations,
    description: 'Of the conversations closed: from opening to closing',
  },
  satisfaction: ReportSatisfaction,
};

export const ReportDay = T.Object({
  date: { ...ReportDate, description: 'A day of the range, in its time zone' },
  ...figures,
});
export type ReportDay = Static<typeof ReportDay>;

export const ReportOverview = T.Object({
  from: { ...ReportDate, description: 'The first day of the range' },
  to: { ...ReportDate, description: 'The last day of the range (included)' },
  timeZone: T.String({ description: 'The IANA time zone of the days and hours' }),
  totals: T.Object({
    ...figures,
    scores: T.Array(T.Integer({ minimum: 0 }), {
      minItems: 5,
      maxItems: 5,
      description: 'Ratings by score: how many gave 1, 2, 3, 4, 5',
    }),
  }),
  days: T.Array(ReportDay, { description: 'Every day of the range, in order' }),
  heatmap: T.Array(T.Array(T.Integer({ minimum: 0 }), { minItems: 24, maxItems: 24 }), {
    minItems: 7,
    maxItems: 7,
    description: 'Conversations opened by weekday (Monday first) and hour (0–23)',
  }),
});
export type ReportOverview = Static<typeof ReportOverview>;

export const AgentReport = T.Object({
  agentId: Id,
  name: T.String(),
  firstResponse: {
    ...ReportDurations,
    description: 'Conversations opened in the range whose first agent reply was theirs',
  },
  resolution: {
    ...ReportDurations,
    description: 'Conversations closed in the range that were assigned to them when closed',
  },
  satisfaction: ReportSatisfaction,
});
export type AgentReport = Static<typeof AgentReport>;

export const TeamReport = T.Object({
  teamId: Id,
  name: T.String(),
  opened: figures.opened,
  firstResponse: figures.firstResponse,
  resolution: {
    ...ReportDurations,
    description: "Of the team's conversations closed: from opening to closing",
  },
  satisfaction: ReportSatisfaction,
});
export type TeamReport = Static<typeof TeamReport>;

export const AgentReportList = T.Object({ items: T.Array(AgentReport) });
export type AgentReportList = Static<typeof AgentReportList>;
export const TeamReportList = T.Object({ items: T.Array(TeamReport) });
export type TeamReportList = Static<typeof TeamReportList>;

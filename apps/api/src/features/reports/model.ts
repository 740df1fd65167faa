import { ReportDate } from '@flc/protocol/resources';
import { t } from 'elysia';
import { Id } from '../../lib/models.ts';

/** At most this many days in one report: a year, leap day included. */
export const MAX_REPORT_DAYS = 366;
/** Without `from`: the 30 days up to `to`. */
export const DEFAULT_REPORT_DAYS = 30;

export const ReportQuery = t.Object({
  from: t.Optional({
    ...ReportDate,
    description: `The first day (\`YYYY-MM-DD\`, in \`timeZone\`); default: ${DEFAULT_REPORT_DAYS} days up to \`to\``,
  }),
  to: t.Optional({
    ...ReportDate,
    description: `The last day, included; default: today. At most ${MAX_REPORT_DAYS} days in all`,
  }),
  timeZone: t.Optional(
    t.String({
      minLength: 1,
      maxLength: 64,
      description: 'IANA time zone of the days and hours, such as `Europe/Paris`; default `UTC`',
    }),
  ),
  environmentId: t.Optional({
    ...Id,
    description: "Only this environment's conversations (an API key: its own, the default)",
  }),
});
export type ReportQuery = typeof ReportQuery.static;

/** The reports the CSV export writes, one table each. */
export const CSV_REPORTS = ['days', 'heatmap', 'agents', 'teams'] as const;
export type CsvReport = (typeof CSV_REPORTS)[number];

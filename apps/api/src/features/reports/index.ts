import { AgentReportList, ReportOverview, TeamReportList } from '@flc/protocol/resources';
import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errorAnswer, errors } from '../../lib/models.ts';
import { PlanGuard } from '../../lib/plan-guard.ts';
import { type InboxActor, inboxAuth, inboxSecurity as security } from '../../plugins/inbox-auth.ts';
import { type CsvReport, ReportQuery } from './model.ts';
import { ReportService } from './service.ts';

const who =
  "Owners and admins (403 for other agents), and API keys, which see their own environment only (404 for another `environmentId`). 402 `plan_feature_unavailable` when the organization's plan has no reports.";
const range =
  '`from` and `to` are calendar days in `timeZone` (an IANA name, default `UTC`), both included, at most 366 days (422 otherwise); default: the last 30 days. `environmentId` narrows to one environment.';

/** Reports on the organization's conversations: volume, response times, satisfaction. */
export const reportRoutes = (deps: ApiDeps) => {
  const service = new ReportService(deps.db.sql);
  const plans = new PlanGuard(deps.planDirectory);
  const routes = new Elysia({ prefix: '/v1/reports', tags: ['reports'] })
    .use(inboxAuth(deps))
    // A plan without reports: every report and export is 402 `plan_feature_unavailable`.
    .onBeforeHandle(({ actor }) => plans.requireFeature(actor.organizationId, 'reports'))
    .onAfterHandle(({ set }) => {
      set.headers['cache-control'] = 'no-store';
    })
    .get('/overview', ({ actor, query }) => service.overview(actor, query), {
      query: ReportQuery,
      response: { 200: ReportOverview, ...errors(402, 403, 404, 422) },
      detail: {
        summary: 'Totals, every day of the range and the hour-of-week heat map',
        description: `Conversations opened and closed, first response and resolution times (median and 90th percentile, in seconds), satisfaction ratings. ${range} ${who}`,
        security,
      },
    })
    .get('/agents', ({ actor, query }) => service.agents(actor, query), {
      query: ReportQuery,
      response: { 200: AgentReportList, ...errors(402, 403, 404, 422) },
      detail: {
        summary: 'Each agent’s first responses, closed conversations and ratings',
        description: `Every active agent, and any other with figures in the range, by name. ${range} ${who} API keys get 403 here (they list no agents).`,
        security,
      },
    })
    .get('/teams', ({ actor, query }) => service.teams(actor, query), {
      query: ReportQuery,
      response: { 200: TeamReportList, ...errors(402, 403, 404, 422) },
      detail: {
        summary: 'Each team’s conversations, response times and ratings',
        description: `Every team, by name. ${range} ${who}`,
        security,
      },
    });
  const csv =
    (report: CsvReport) =>
    async ({ actor, query }: CsvContext) => {
      const { filename, body } = await service.csv(actor, report, query);
      return new Response(body, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${filename}"`,
          'cache-control': 'no-store',
        },
      });
    };
  return routes
    .get('/export/days', csv('days'), csvOptions('days'))
    .get('/export/heatmap', csv('heatmap'), csvOptions('heatmap'))
    .get('/export/agents', csv('agents'), csvOptions('agents'))
    .get('/export/teams', csv('teams'), csvOptions('teams'));
};

interface CsvContext {
  actor: InboxActor;
  query: ReportQuery;
}

/** `GET /v1/reports/export/<report>`: the same figures as a CSV file. */
function csvOptions(report: CsvReport) {
  return {
    query: ReportQuery,
    response: errors(402, 403, 404, 422),
    detail: {
      summary: `The ${report} report as CSV`,
      description: `RFC 4180, UTF-8, CRLF line ends, a header row; durations in seconds. A text cell that a spreadsheet would run as a formula (starting with = + - @) is prefixed with an apostrophe. ${range} ${who}`,
      security,
      responses: {
        200: {
          description: 'The CSV file (`Content-Disposition: attachment`)',
          content: { 'text/csv': { schema: { type: 'string' as const } } },
        },
        402: errorAnswer('A plan without reports'),
        403: errorAnswer('An agent who is neither owner nor admin'),
        404: errorAnswer('No such environment here'),
        422: errorAnswer('A bad range or time zone'),
      },
    },
  };
}

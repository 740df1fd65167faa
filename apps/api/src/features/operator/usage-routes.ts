import { UsageReport } from '@flc/protocol/resources';
import { Elysia, t } from 'elysia';
import type { ApiDeps } from '../../deps.ts';
import { errors } from '../../lib/models.ts';
import { operatorAuth, operatorSecurity } from './auth.ts';
import { MAX_USAGE_DAYS, UsageQuery } from './model.ts';
import { MAX_USAGE_ROWS, UsageService } from './usage.ts';

/** Asked for CSV: `format=csv`, or without `format`, an `Accept` naming text/csv. */
const wantsCsv = (format: UsageQuery['format'], accept: string | null) =>
  format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(accept ?? ''));

/** The tenants' metered usage per UTC day, for operators and their billing. */
export const operatorUsageRoutes = (deps: ApiDeps) => {
  const usage = new UsageService(deps.db.sql);
  return new Elysia({ prefix: '/v1/operator', tags: ['Operator'] }).use(operatorAuth(deps)).get(
    '/usage',
    async ({ query, request, set }) => {
      const { format, ...range } = query;
      const report = await usage.report(range);
      set.headers['cache-control'] = 'no-store';
      if (!wantsCsv(format, request.headers.get('accept'))) return report;
      const { filename, body } = usage.csv(report);
      set.headers['content-type'] = 'text/csv; charset=utf-8';
      set.headers['content-disposition'] = `attachment; filename="${filename}"`;
      return body;
    },
    {
      query: UsageQuery,
      response: {
        200: t.Union([UsageReport, t.String({ description: 'The CSV file, when asked for' })]),
        ...errors(400, 422),
      },
      detail: {
        summary: "The tenants' usage per UTC day, with each tenant's totals (JSON or CSV)",
        description: `Messages (and notes), active visitors (distinct visitors who sent a message or opened a conversation), agent seats (active agents), storage (attachment bytes) and successful webhook deliveries, per tenant and UTC day, as metered every \`FLC_METERING_INTERVAL\` off the message path; a day's figures are final once \`closedAt\` is set (\`FLC_METERING_GRACE\` after it ends), and each closed day is sent to \`FLC_USAGE_WEBHOOK_URL\` as a \`usage.daily\` event. \`from\` and \`to\` are UTC days, both included, at most ${MAX_USAGE_DAYS} days and ${MAX_USAGE_ROWS} tenant-days (422 otherwise); default: this month so far. \`format=csv\` (or \`Accept: text/csv\`) answers a CSV file instead (\`Content-Disposition: attachment; filename="usage-<from>-<to>.csv"\`; RFC 4180, UTF-8, CRLF, a header row: day, organization_id, tenant, messages, active_visitors, agent_seats, storage_bytes, webhook_deliveries, final). Totals add the days up; \`agentSeats\` and \`storageBytes\` are the highest day.`,
        security: operatorSecurity,
      },
    },
  );
};

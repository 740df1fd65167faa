import type {
  AgentReportList,
  ReportDurations,
  ReportOverview,
  TeamReportList,
} from '@flc/protocol/resources';
import { PostgresReports, type ReportRange, type Sql } from '@flc/storage/postgres';
import { type ErrorDetail, forbidden, notFound, validation } from '../../lib/errors.ts';
import type { InboxActor } from '../../plugins/inbox-auth.ts';
import { toCsv } from './csv.ts';
import { type CsvReport, DEFAULT_REPORT_DAYS, MAX_REPORT_DAYS, type ReportQuery } from './model.ts';

const DAY_MS = 86_400_000;
// Canonical IANA names; `UTC` is not always among them. An offset such as `+05:00` is refused:
// PostgreSQL reads a bare offset as POSIX, west positive, the opposite of ISO.
const timeZones = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);

/**
 * Reports for owners and admins (other agents get 403) and for API keys (their environment
 * only). The range and time zone are checked here, once; the figures are PostgresReports'.
 */
export class ReportService {
  private readonly reports: PostgresReports;

  constructor(
    private readonly sql: Sql,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.reports = new PostgresReports(sql);
  }

  async overview(actor: InboxActor, query: ReportQuery): Promise<ReportOverview> {
    const range = await this.range(actor, query);
    const figures = await this.reports.overview(range);
    return { from: range.from, to: range.to, timeZone: range.timeZone, ...figures };
  }

  async agents(actor: InboxActor, query: ReportQuery): Promise<AgentReportList> {
    peopleOnly(actor);
    return { items: await this.reports.agents(await this.range(actor, query)) };
  }

  async teams(actor: InboxActor, query: ReportQuery): Promise<TeamReportList> {
    return { items: await this.reports.teams(await this.range(actor, query)) };
  }

  /** One report as CSV, with the file name it is saved under. */
  async csv(actor: InboxActor, report: CsvReport, query: ReportQuery) {
    if (report === 'agents') peopleOnly(actor);
    const range = await this.range(actor, query);
    const filename = `${report}-${range.from}-${range.to}.csv`;
    const d = (x: ReportDurations) => [x.count, x.median, x.p90];
    const durations = (what: string) => [`${what}_count`, `${what}_median_s`, `${what}_p90_s`];
    const satisfaction = ['satisfaction_count', 'satisfaction_average'];
    if (report === 'days' || report === 'heatmap') {
      const overview = await this.reports.overview(range);
      if (report === 'heatmap') {
        const hours = Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`);
        const rows = overview.heatmap.map((cells, i) => [WEEKDAYS[i] as string, ...cells]);
        return { filename, body: toCsv([['weekday', ...hours], ...rows]) };
      }
      const header = ['date', 'opened', 'closed', ...durations('first_response')];
      const rows = overview.days.map((x) => [
        x.date,
        x.opened,
        x.closed,
        ...d(x.firstResponse),
        ...d(x.resolution),
        x.satisfaction.count,
        x.satisfaction.average,
      ]);
      return {
        filename,
        body: toCsv([[...header, ...durations('resolution'), ...satisfaction], ...rows]),
      };
    }
    if (report === 'agents') {
      const rows = (await this.reports.agents(range)).map((x) => [
        x.agentId,
        x.name,
        ...d(x.firstResponse),
        ...d(x.resolution),
        x.satisfaction.count,
        x.satisfaction.average,
      ]);
      const header = ['agent_id', 'name', ...durations('first_response')];
      return {
        filename,
        body: toCsv([[...header, ...durations('resolution'), ...satisfaction], ...rows]),
      };
    }
    const rows = (await this.reports.teams(range)).map((x) => [
      x.teamId,
      x.name,
      x.opened,
      ...d(x.firstResponse),
      ...d(x.resolution),
      x.satisfaction.count,
      x.satisfaction.average,
    ]);
    const header = ['team_id', 'name', 'opened', ...durations('first_response')];
    return {
      filename,
      body: toCsv([[...header, ...durations('resolution'), ...satisfaction], ...rows]),
    };
  }

  /** The query as a checked range: 422 with every problem, 404 for an environment not theirs. */
  async range(actor: InboxActor, query: ReportQuery): Promise<ReportRange> {
    if (actor.type === 'agent' && actor.role === 'agent') {
      throw forbidden('Only owners, admins and API keys read reports');
    }
    const problems: ErrorDetail[] = [];
    const timeZone = query.timeZone ?? 'UTC';
    if (!timeZones.has(timeZone)) {
      problems.push({ path: 'query.timeZone', message: 'Must be an IANA time zone name' });
    }
    const to = query.to ?? today(timeZones.has(timeZone) ? timeZone : 'UTC', this.now());
    const toDay = dayNumber(to);
    const fromDay = query.from ? dayNumber(query.from) : toDay - (DEFAULT_REPORT_DAYS - 1);
    if (query.from && Number.isNaN(fromDay)) {
      problems.push({ path: 'query.from', message: 'Must be a calendar day' });
    }
    if (Number.isNaN(toDay)) problems.push({ path: 'query.to', message: 'Must be a calendar day' });
    if (fromDay > toDay) problems.push({ path: 'query.from', message: 'Must not be after `to`' });
    if (toDay - fromDay + 1 > MAX_REPORT_DAYS) {
      problems.push({ path: 'query.from', message: `At most ${MAX_REPORT_DAYS} days in a report` });
    }
    if (problems.length > 0) throw validation('The request is invalid', problems);
    const environmentId = await this.environment(actor, query.environmentId);
    const from = new Date(fromDay * DAY_MS).toISOString().slice(0, 10);
    return { organizationId: actor.organizationId, environmentId, from, to, timeZone };
  }

  /** An API key sees its environment alone; another (or another tenant's) is not found. */
  private async environment(actor: InboxActor, id: string | undefined) {
    if (actor.type === 'bot') {
      if (id !== undefined && id !== actor.environmentId) throw notFound('Environment');
      return actor.environmentId;
    }
    if (id === undefined) return undefined;
    const [found] = await this.sql`
      select 1 from environments where id = ${id} and organization_id = ${actor.organizationId}`;
    if (!found) throw notFound('Environment');
    return id;
  }
}

/**
 * Each agent's figures are for the team's owners and admins: an API key lists no agents
 * (`GET /v1/agents` is agents' only), so it gets no per-agent figures either.
 */
function peopleOnly(actor: InboxActor): void {
  if (actor.type === 'bot') throw forbidden('API keys do not read per-agent figures');
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Days since 1970-01-01 of a `YYYY-MM-DD` that names a real day, else NaN (2026-02-30). */
function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  const real =
    back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d;
  return real ? ms / DAY_MS : Number.NaN;
}

function today(timeZone: string, now: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(now);
}

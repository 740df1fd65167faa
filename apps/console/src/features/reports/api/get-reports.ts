import type {
  AgentReportList,
  Environment,
  Page,
  ReportOverview,
  TeamReportList,
} from '@flc/protocol/resources';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { type Api, withQuery } from '../../../lib/api.ts';
import { useApi } from '../../../lib/auth.tsx';
import { type ReportFilters, reportQuery } from '../filters.ts';

export const reportKeys = {
  all: ['reports'] as const,
  overview: (f: ReportFilters) => ['reports', 'overview', f] as const,
  agents: (f: ReportFilters) => ['reports', 'agents', f] as const,
  teams: (f: ReportFilters) => ['reports', 'teams', f] as const,
  environments: () => ['reports', 'environments'] as const,
};

export const getOverview = (api: Api, f: ReportFilters, signal?: AbortSignal) =>
  api.request<ReportOverview>('/v1/reports/overview', { query: reportQuery(f), signal });
export const getAgentReport = (api: Api, f: ReportFilters, signal?: AbortSignal) =>
  api.request<AgentReportList>('/v1/reports/agents', { query: reportQuery(f), signal });
export const getTeamReport = (api: Api, f: ReportFilters, signal?: AbortSignal) =>
  api.request<TeamReportList>('/v1/reports/teams', { query: reportQuery(f), signal });

// The figures of the previous filters stay on screen while the next ones load.
export const overviewQuery = (api: Api, f: ReportFilters) =>
  queryOptions({
    queryKey: reportKeys.overview(f),
    queryFn: ({ signal }) => getOverview(api, f, signal),
    placeholderData: keepPreviousData,
  });
export const agentReportQuery = (api: Api, f: ReportFilters) =>
  queryOptions({
    queryKey: reportKeys.agents(f),
    queryFn: ({ signal }) => getAgentReport(api, f, signal),
    placeholderData: keepPreviousData,
  });
export const teamReportQuery = (api: Api, f: ReportFilters) =>
  queryOptions({
    queryKey: reportKeys.teams(f),
    queryFn: ({ signal }) => getTeamReport(api, f, signal),
    placeholderData: keepPreviousData,
  });

export const useOverview = (f: ReportFilters) => useQuery(overviewQuery(useApi(), f));
export const useAgentReport = (f: ReportFilters) => useQuery(agentReportQuery(useApi(), f));
export const useTeamReport = (f: ReportFilters) => useQuery(teamReportQuery(useApi(), f));

/** The environments to filter by: an organization has a handful, the first hundred are all. */
export const environmentsQuery = (api: Api) =>
  queryOptions({
    queryKey: reportKeys.environments(),
    queryFn: ({ signal }) =>
      api.request<Page<Environment>>('/v1/environments', { query: { limit: 100 }, signal }),
  });
export const useReportEnvironments = () => useQuery(environmentsQuery(useApi()));

export type CsvReport = 'days' | 'heatmap' | 'agents' | 'teams';

/**
 * Downloads one report as CSV: fetched with the agent's token (a plain link would carry none),
 * then saved under the server's file name.
 */
export async function downloadCsv(api: Api, report: CsvReport, f: ReportFilters): Promise<void> {
  const token = await api.accessToken();
  const res = await fetch(withQuery(`/v1/reports/export/${report}`, reportQuery(f)), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) throw new Error(`export answered ${res.status}`);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name ?? `${report}.csv`;
  a.click();
  URL.revokeObjectURL(url);
}

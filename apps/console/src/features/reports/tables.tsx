import type { ReportDurations, ReportSatisfaction } from '@flc/protocol/resources';
import { useAgentReport, useTeamReport } from './api/get-reports.ts';
import type { ReportFilters } from './filters.ts';
import { average, duration } from './format.ts';
import { reportStrings as t } from './strings.ts';

function Head({ opened }: { opened: boolean }) {
  return (
    <thead>
      <tr>
        <th scope="col">{t.name}</th>
        {opened ? <th scope="col">{t.opened}</th> : null}
        <th scope="col">{t.firstResponse}</th>
        <th scope="col">{t.closed}</th>
        <th scope="col">{t.resolution}</th>
        <th scope="col">{t.satisfaction}</th>
      </tr>
    </thead>
  );
}

/** The figures every row has: response times as "median (90th percentile)". */
function Figures(props: {
  firstResponse: ReportDurations;
  resolution: ReportDurations;
  satisfaction: ReportSatisfaction;
}) {
  const times = (x: ReportDurations) =>
    x.count === 0 ? t.none : t.medianAndP90(duration(x.median), duration(x.p90));
  return (
    <>
      <td>{times(props.firstResponse)}</td>
      <td>{props.resolution.count}</td>
      <td>{times(props.resolution)}</td>
      <td>
        {average(props.satisfaction.average)}
        {props.satisfaction.count > 0 ? (
          <span className="muted"> ({t.ratings(props.satisfaction.count)})</span>
        ) : null}
      </td>
    </>
  );
}

function State({ pending, error }: { pending: boolean; error: boolean }) {
  if (pending) return <span className="ui-spinner" role="status" aria-label={t.loading} />;
  if (error) return <p role="alert">{t.failed}</p>;
  return null;
}

export function AgentTable({ filters }: { filters: ReportFilters }) {
  const report = useAgentReport(filters);
  if (!report.data) return <State pending={report.isPending} error={report.isError} />;
  return (
    <div className="reports-table-scroll">
      <table className="table" aria-label={t.agentsTable}>
        <Head opened={false} />
        <tbody>
          {report.data.items.map((a) => (
            <tr key={a.agentId}>
              <th scope="row">{a.name}</th>
              <Figures {...a} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TeamTable({ filters }: { filters: ReportFilters }) {
  const report = useTeamReport(filters);
  if (!report.data) return <State pending={report.isPending} error={report.isError} />;
  if (report.data.items.length === 0) return <p className="muted">{t.noTeams}</p>;
  return (
    <div className="reports-table-scroll">
      <table className="table" aria-label={t.teamsTable}>
        <Head opened />
        <tbody>
          {report.data.items.map((x) => (
            <tr key={x.teamId}>
              <th scope="row">{x.name}</th>
              <td>{x.opened}</td>
              <Figures {...x} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { ReportDurations, ReportSatisfaction } from '@flc/protocol/resources';
import { t } from '../../lib/i18n/index.tsx';
import { useAgentReport, useTeamReport } from './api/get-reports.ts';
import type { ReportFilters } from './filters.ts';
import { average, duration } from './format.ts';

function Head({ opened }: { opened: boolean }) {
  return (
    <thead>
      <tr>
        <th scope="col">{t('reports.name')}</th>
        {opened ? <th scope="col">{t('reports.opened')}</th> : null}
        <th scope="col">{t('reports.firstResponse')}</th>
        <th scope="col">{t('reports.closed')}</th>
        <th scope="col">{t('reports.resolution')}</th>
        <th scope="col">{t('reports.satisfaction')}</th>
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
    x.count === 0
      ? t('reports.none')
      : t('reports.medianAndP90', { median: duration(x.median), p90: duration(x.p90) });
  return (
    <>
      <td>{times(props.firstResponse)}</td>
      <td>{props.resolution.count}</td>
      <td>{times(props.resolution)}</td>
      <td>
        {average(props.satisfaction.average)}
        {props.satisfaction.count > 0 ? (
          <span className="muted"> ({t('reports.ratings', { n: props.satisfaction.count })})</span>
        ) : null}
      </td>
    </>
  );
}

function State({ pending, error }: { pending: boolean; error: boolean }) {
  if (pending)
    return <span className="ui-spinner" role="status" aria-label={t('reports.loading')} />;
  if (error) return <p role="alert">{t('reports.failed')}</p>;
  return null;
}

export function AgentTable({ filters }: { filters: ReportFilters }) {
  const report = useAgentReport(filters);
  if (!report.data) return <State pending={report.isPending} error={report.isError} />;
  return (
    <div className="reports-table-scroll">
      <table className="table" aria-label={t('reports.agentsTable')}>
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
  if (report.data.items.length === 0) return <p className="muted">{t('reports.noTeams')}</p>;
  return (
    <div className="reports-table-scroll">
      <table className="table" aria-label={t('reports.teamsTable')}>
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

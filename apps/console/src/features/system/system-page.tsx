import type { DependencyCheck, ProcessStatus, SystemStatus } from '@flc/protocol/resources';
import { shortAgo } from '../../lib/format.ts';
import { useSystem } from './api/get-system.ts';
import { figureText } from './figures.ts';
import { systemStrings as t } from './strings.ts';
import './system.css';

/** The install's health for its operators: dependencies, then every process that reports in. */
export default function SystemPage() {
  const system = useSystem({ live: true });
  return (
    <main className="ui-page system-page" aria-labelledby="system-title">
      <header className="system-header">
        <h1 id="system-title">{t.title}</h1>
        <p className="muted">{t.intro}</p>
      </header>
      {system.isPending ? (
        <div className="ui-pane-state">
          <span className="ui-spinner" role="status" aria-label={t.loading} />
        </div>
      ) : system.isError ? (
        <div className="ui-pane-state" role="alert">
          <p>{t.failed}</p>
        </div>
      ) : (
        <SystemView data={system.data} />
      )}
    </main>
  );
}

function SystemView({ data }: { data: SystemStatus }) {
  return (
    <>
      <section className="system-section" aria-labelledby="system-dependencies">
        <h2 id="system-dependencies">{t.dependencies}</h2>
        <dl className="system-checks">
          <Check name={t.database} check={data.database} />
          <Check name={t.redis} check={data.redis} />
        </dl>
      </section>
      <section className="system-section" aria-labelledby="system-processes">
        <h2 id="system-processes">{t.processes}</h2>
        {data.processes.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul className="system-processes">
            {data.processes.map((p) => (
              <ProcessCard key={p.id} process={p} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function Check({ name, check }: { name: string; check: DependencyCheck | null }) {
  return (
    <div className="system-check" data-status={check?.status ?? 'absent'}>
      <dt>{name}</dt>
      <dd>
        {check ? (
          <>
            <span className="system-state">{check.status === 'ok' ? t.ok : t.down}</span>{' '}
            <span className="muted">{t.latency(check.latencyMs)}</span>
          </>
        ) : (
          <span className="muted">{t.noRedis}</span>
        )}
      </dd>
    </div>
  );
}

function ProcessCard({ process: p }: { process: ProcessStatus }) {
  const titleId = `process-${p.id}`;
  const figures = Object.entries(p.stats).filter(([name]) => t.figures[name]);
  return (
    <li className="system-process" data-state={p.state} aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t.roles[p.role] ?? p.role}{' '}
        <span className="muted">
          {p.host} · {p.pid}
        </span>
      </h3>
      <p className="system-process-meta">
        <span className="system-state" title={p.state === 'silent' ? t.silentHint : undefined}>
          {p.state === 'up' ? t.up : t.silent}
        </span>
        <span>
          {t.columns.version} {p.version}
        </span>
        <span>
          {t.columns.started} <time dateTime={p.startedAt}>{shortAgo(p.startedAt)}</time>
        </span>
        <span>
          {t.columns.lastReport} <time dateTime={p.reportedAt}>{shortAgo(p.reportedAt)}</time>
        </span>
      </p>
      <dl className="system-figures">
        {figures.map(([name, value]) => (
          <div key={name}>
            <dt>{t.figures[name]}</dt>
            <dd>{figureText(name, value)}</dd>
          </div>
        ))}
      </dl>
      <details className="system-problems">
        <summary>{p.problems.length > 0 ? t.problems(p.problems.length) : t.noProblems}</summary>
        {p.problems.length > 0 ? (
          <ol>
            {p.problems.toReversed().map((problem) => (
              <li key={`${problem.at}-${problem.message}`} data-level={problem.level}>
                <time dateTime={problem.at}>{problem.at.slice(11, 19)}</time>{' '}
                <span className="system-problem-level">{problem.level}</span>{' '}
                <span className="muted">{problem.component}</span> {problem.message}
              </li>
            ))}
          </ol>
        ) : null}
      </details>
    </li>
  );
}

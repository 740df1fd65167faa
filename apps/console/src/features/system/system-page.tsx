import { t } from '../../lib/i18n/index.tsx';
import { useSystem } from './api/get-system.ts';
import { SystemView } from './system-view.tsx';
import './system.css';

/** The install's health for its operators: dependencies, then every process that reports in. */
export default function SystemPage() {
  const system = useSystem({ live: true });
  return (
    <main className="ui-page system-page" aria-labelledby="system-title">
      <header className="system-header">
        <h1 id="system-title">{t('system.title')}</h1>
        <p className="muted">{t('system.intro')}</p>
      </header>
      {system.isPending ? (
        <div className="ui-pane-state">
          <span className="ui-spinner" role="status" aria-label={t('system.loading')} />
        </div>
      ) : system.isError ? (
        <div className="ui-pane-state" role="alert">
          <p>{t('system.failed')}</p>
        </div>
      ) : (
        <SystemView data={system.data} />
      )}
    </main>
  );
}

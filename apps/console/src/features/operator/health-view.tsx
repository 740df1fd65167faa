import type { SystemStatus } from '@flc/protocol/resources';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../lib/auth.tsx';
import { t } from '../../lib/i18n/index.tsx';
import { SystemView } from '../system/system-view.tsx';
import { asOperator } from './operator-api.ts';

/**
 * The install's service health (GET /v1/operator/system): the System page's body, for
 * operators, refreshed as often as the processes report.
 */
export function HealthView({ token }: { token: string }) {
  const api = useApi();
  const health = useQuery({
    queryKey: ['operator', 'system'],
    queryFn: () => asOperator<SystemStatus>(api, token, '/v1/operator/system'),
    refetchInterval: 10_000,
    retry: false,
  });
  return (
    <section aria-labelledby="operator-health" className="system-page">
      <h2 id="operator-health">{t('operator.healthTitle')}</h2>
      <p className="muted">{t('operator.healthIntro')}</p>
      {health.isPending ? (
        <div className="ui-pane-state">
          <span className="ui-spinner" role="status" aria-label={t('operator.healthLoading')} />
        </div>
      ) : health.isError ? (
        <p role="alert">{t('operator.healthFailed')}</p>
      ) : (
        <SystemView data={health.data} level={3} />
      )}
    </section>
  );
}

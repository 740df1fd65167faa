import type { Environment } from '@flc/protocol/resources';
import { useState } from 'react';
import { canManage, useMe } from '../../../lib/auth.tsx';
import { t } from '../../../lib/i18n/index.tsx';
import { Link } from '../../../lib/router.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import { EnvironmentPicker, useSelectedEnvironment, withEnv } from '../environment-picker.tsx';
import { CreateEnvironmentDialog } from './create-environment-dialog.tsx';
import { EnvironmentDetail } from './environment-detail.tsx';
import { SectionHeader } from './section-header.tsx';

export function EnvironmentsSection() {
  const me = useMe();
  const manager = canManage(me.data?.agent.role);
  const { environments, selected, select, query } = useSelectedEnvironment();
  const [creating, setCreating] = useState(false);
  const created = (env: Environment) => {
    setCreating(false);
    select(env.id);
  };
  return (
    <>
      <SectionHeader
        title={t('settings.environments')}
        description={t('settings.environmentsDescription')}
        actions={
          manager ? (
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              {t('settings.newEnvironment')}
            </button>
          ) : null
        }
      />
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !environments?.length || !selected ? (
        <Empty
          title={t('settings.noEnvironments')}
          action={
            manager ? (
              <button type="button" className="primary" onClick={() => setCreating(true)}>
                {t('settings.createFirstEnvironment')}
              </button>
            ) : null
          }
        >
          {manager ? t('settings.noEnvironmentsHint') : t('settings.noEnvironmentsAsk')}
        </Empty>
      ) : (
        <>
          <div className="toolbar">
            <EnvironmentPicker environments={environments} selected={selected} onSelect={select} />
            <span className="muted small">
              {t('settings.also')}{' '}
              <Link to={withEnv('/settings/api-keys', selected)}>{t('settings.apiKeys')}</Link> ·{' '}
              <Link to={withEnv('/settings/webhooks', selected)}>{t('settings.webhooks')}</Link>
            </span>
          </div>
          <EnvironmentDetail key={selected.id} env={selected} manager={manager} />
        </>
      )}
      {creating ? (
        <CreateEnvironmentDialog onClose={() => setCreating(false)} onCreated={created} />
      ) : null}
    </>
  );
}

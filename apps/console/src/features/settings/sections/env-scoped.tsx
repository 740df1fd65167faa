import type { Environment } from '@flc/protocol/resources';
import type { ReactNode } from 'react';
import { t } from '../../../lib/i18n/index.tsx';
import { Link } from '../../../lib/router.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import { EnvironmentPicker, useSelectedEnvironment } from '../environment-picker.tsx';

/** A section that works on one environment: its picker, and the states before there is one. */
export function EnvironmentScoped({
  what,
  children,
}: {
  what: string;
  children: (env: Environment) => ReactNode;
}) {
  const { environments, selected, select, query } = useSelectedEnvironment();
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!environments?.length || !selected) {
    return (
      <Empty
        title={t('settings.noEnvironments')}
        action={
          <Link to="/settings/environments" className="button-link">
            {t('settings.goToEnvironments')}
          </Link>
        }
      >
        {t('settings.belongToEnvironment', { what })}
      </Empty>
    );
  }
  return (
    <>
      <div className="toolbar">
        <EnvironmentPicker environments={environments} selected={selected} onSelect={select} />
      </div>
      {children(selected)}
    </>
  );
}

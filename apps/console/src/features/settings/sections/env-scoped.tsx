import type { Environment } from '@flc/protocol/resources';
import type { ReactNode } from 'react';
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
        title="No environments yet"
        action={
          <Link to="/settings/environments" className="button-link">
            Go to environments
          </Link>
        }
      >
        {what} belong to an environment. Create one first.
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

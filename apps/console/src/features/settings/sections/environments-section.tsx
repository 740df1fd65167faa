import type { Environment } from '@flc/protocol/resources';
import { useState } from 'react';
import { canManage, useMe } from '../../../lib/auth.tsx';
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
        title="Environments"
        description="Each site or stage (production, staging) gets its own plugin key, allowed origins, API keys and webhooks."
        actions={
          manager ? (
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              New environment
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
          title="No environments yet"
          action={
            manager ? (
              <button type="button" className="primary" onClick={() => setCreating(true)}>
                Create your first environment
              </button>
            ) : null
          }
        >
          An environment gives you the snippet that puts the chat widget on your site.
          {manager ? '' : ' Ask an owner or admin to create one.'}
        </Empty>
      ) : (
        <>
          <div className="toolbar">
            <EnvironmentPicker environments={environments} selected={selected} onSelect={select} />
            <span className="muted small">
              Also: <Link to={withEnv('/settings/api-keys', selected)}>API keys</Link> ·{' '}
              <Link to={withEnv('/settings/webhooks', selected)}>Webhooks</Link>
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

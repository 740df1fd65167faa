import type { TenantDetail } from '@flc/protocol/resources';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../lib/auth.tsx';
import { errorText } from '../../lib/i18n/errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { Link, navigate } from '../../lib/router.tsx';
import { fileSize } from '../conversation/file-size.ts';
import { Dialog } from '../settings/components/dialog.tsx';
import { asOperator } from './operator-api.ts';
import { TenantPlanForm } from './plan-form.tsx';
import { useDialogState } from './return-focus.ts';
import { SuspendDialog } from './tenants-view.tsx';

/** One tenant, read-only, with the operator's actions on it: suspend / resume and delete. */
export function TenantView({ token, id }: { token: string; id: string }) {
  const api = useApi();
  const client = useQueryClient();
  const [dialog, openDialog, closeDialog] = useDialogState<'suspend' | 'delete'>();
  const path = `/v1/operator/tenants/${encodeURIComponent(id)}`;
  const detail = useQuery({
    queryKey: ['operator', 'tenants', 'detail', id],
    queryFn: () => asOperator<TenantDetail>(api, token, path),
    retry: false,
  });
  const resume = useMutation({
    mutationFn: () => asOperator(api, token, `${path}/resume`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: ['operator', 'tenants'] }),
  });
  if (detail.isError) return <p role="alert">{errorText(detail.error)}</p>;
  if (!detail.data) {
    return <span className="ui-spinner" role="status" aria-label={t('operator.loading')} />;
  }
  const { tenant, owners, environments, counts, suspendedReason, usageThisMonth } = detail.data;
  return (
    <section aria-labelledby="operator-tenant">
      <p>
        <Link to="/operator">{t('operator.backToTenants')}</Link>
      </p>
      <h2 id="operator-tenant">{tenant.name}</h2>
      <dl>
        <dt>{t('operator.colStatus')}</dt>
        <dd>{t('operator.status', { status: tenant.status })}</dd>
        {suspendedReason ? (
          <>
            <dt>{t('operator.reason')}</dt>
            <dd>{suspendedReason}</dd>
          </>
        ) : null}
        <dt>{t('operator.colAgents')}</dt>
        <dd>{tenant.agents}</dd>
        <dt>{t('operator.colMessages')}</dt>
        <dd>{tenant.messagesThisMonth}</dd>
        <dt>{t('operator.colStorage')}</dt>
        <dd>{fileSize(tenant.storageBytes)}</dd>
        <dt>{t('operator.contacts')}</dt>
        <dd>{counts.contacts}</dd>
        <dt>{t('operator.conversations')}</dt>
        <dd>{t('operator.conversationCount', counts)}</dd>
      </dl>
      {usageThisMonth ? (
        <>
          <h3>{t('operator.usageThisMonth')}</h3>
          <dl>
            <dt>{t('operator.usageMessages')}</dt>
            <dd>{usageThisMonth.messages.toLocaleString()}</dd>
            <dt>{t('operator.usageVisitors')}</dt>
            <dd>{usageThisMonth.activeVisitors.toLocaleString()}</dd>
            <dt>{t('operator.usageSeats')}</dt>
            <dd>{usageThisMonth.agentSeats.toLocaleString()}</dd>
            <dt>{t('operator.usageDeliveries')}</dt>
            <dd>{usageThisMonth.webhookDeliveries.toLocaleString()}</dd>
          </dl>
        </>
      ) : null}
      <h3>{t('operator.owners')}</h3>
      <ul>
        {owners.map((owner) => (
          <li key={owner.id}>{t('operator.owner', owner)}</li>
        ))}
      </ul>
      <h3>{t('operator.colEnvironments')}</h3>
      <ul>
        {environments.map((env) => (
          <li key={env.id}>{env.name}</li>
        ))}
      </ul>
      <TenantPlanForm token={token} tenantId={tenant.id} />
      {resume.isError ? <p role="alert">{errorText(resume.error)}</p> : null}
      {tenant.status === 'active' ? (
        <button type="button" onClick={() => openDialog('suspend')}>
          {t('operator.suspend')}
        </button>
      ) : (
        <button type="button" disabled={resume.isPending} onClick={() => resume.mutate()}>
          {t('operator.resume')}
        </button>
      )}
      <button type="button" onClick={() => openDialog('delete')}>
        {t('operator.delete')}
      </button>
      {dialog === 'suspend' ? (
        <SuspendDialog token={token} tenant={tenant} onClose={closeDialog} />
      ) : null}
      {dialog === 'delete' ? (
        <DeleteDialog token={token} path={path} name={tenant.name} onClose={closeDialog} />
      ) : null}
    </section>
  );
}

function DeleteDialog(props: { token: string; path: string; name: string; onClose: () => void }) {
  const api = useApi();
  const client = useQueryClient();
  const [typed, setTyped] = useState('');
  const erase = useMutation({
    mutationFn: () =>
      asOperator(api, props.token, props.path, {
        method: 'DELETE',
        body: { confirmName: typed },
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['operator', 'tenants'] });
      navigate('/operator');
    },
  });
  return (
    <Dialog title={t('operator.deleteTitle', { name: props.name })} onClose={props.onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          erase.mutate();
        }}
      >
        <p>{t('operator.deleteIntro')}</p>
        <label>
          {t('operator.deleteConfirm', { name: props.name })}
          <input value={typed} onChange={(e) => setTyped(e.target.value)} required />
        </label>
        {erase.isError ? <p role="alert">{errorText(erase.error)}</p> : null}
        <button type="button" onClick={props.onClose}>
          {t('operator.cancel')}
        </button>
        <button type="submit" disabled={typed !== props.name || erase.isPending}>
          {t('operator.deleteForGood')}
        </button>
      </form>
    </Dialog>
  );
}

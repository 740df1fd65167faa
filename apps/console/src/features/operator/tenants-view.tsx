import type { Tenant } from '@flc/protocol/resources';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../lib/auth.tsx';
import { errorText } from '../../lib/i18n/errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { Link } from '../../lib/router.tsx';
import { fileSize } from '../conversation/file-size.ts';
import { Dialog } from '../settings/components/dialog.tsx';
import { asOperator, operatorKeys, type TenantPage } from './operator-api.ts';
import { useDialogState } from './return-focus.ts';

/** The tenants with their figures: a search, a status filter, pages by cursor. */
export function TenantsView({ token }: { token: string }) {
  const api = useApi();
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [suspending, openSuspend, closeSuspend] = useDialogState<Tenant>();
  const query = { q, status };
  const tenants = useInfiniteQuery({
    queryKey: operatorKeys.tenants(query),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      asOperator<TenantPage>(api, token, '/v1/operator/tenants', {
        query: { ...query, cursor: pageParam },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: false,
  });
  const resume = useMutation({
    mutationFn: (id: string) =>
      asOperator(api, token, `/v1/operator/tenants/${id}/resume`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: ['operator', 'tenants'] }),
  });
  const rows = tenants.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="operator-tenants">
      <h2 id="operator-tenants">{t('operator.tenantsHeading')}</h2>
      <search>
        <label>
          {t('operator.search')}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <label>
          {t('operator.statusFilter')}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('operator.statusAll')}</option>
            <option value="active">{t('operator.status', { status: 'active' })}</option>
            <option value="suspended">{t('operator.status', { status: 'suspended' })}</option>
          </select>
        </label>
      </search>
      {tenants.isError ? <p role="alert">{errorText(tenants.error)}</p> : null}
      {resume.isError ? <p role="alert">{errorText(resume.error)}</p> : null}
      <table>
        <caption>{t('operator.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('operator.colName')}</th>
            <th scope="col">{t('operator.colStatus')}</th>
            <th scope="col">{t('operator.colAgents')}</th>
            <th scope="col">{t('operator.colEnvironments')}</th>
            <th scope="col">{t('operator.colVisitors')}</th>
            <th scope="col">{t('operator.colMessages')}</th>
            <th scope="col">{t('operator.colStorage')}</th>
            <th scope="col">{t('operator.colPlan')}</th>
            <th scope="col">{t('operator.colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((tenant) => (
            <tr key={tenant.id} data-tenant={tenant.id}>
              <th scope="row">
                <Link to={`/operator?tenant=${tenant.id}`}>{tenant.name}</Link>
              </th>
              <td>{t('operator.status', { status: tenant.status })}</td>
              <td>{tenant.agents}</td>
              <td>{tenant.environments}</td>
              <td>{tenant.activeVisitors}</td>
              <td>{tenant.messagesThisMonth}</td>
              <td>{fileSize(tenant.storageBytes)}</td>
              <td>{tenant.plan ?? t('operator.noPlanShort')}</td>
              <td>
                {tenant.status === 'active' ? (
                  <button
                    type="button"
                    aria-label={t('operator.suspendName', { name: tenant.name })}
                    onClick={() => openSuspend(tenant)}
                  >
                    {t('operator.suspend')}
                  </button>
                ) : (
                  <button
                    type="button"
                    aria-label={t('operator.resumeName', { name: tenant.name })}
                    disabled={resume.isPending}
                    onClick={() => resume.mutate(tenant.id)}
                  >
                    {t('operator.resume')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {tenants.isSuccess && rows.length === 0 ? <p>{t('operator.none')}</p> : null}
      {tenants.hasNextPage ? (
        <button type="button" onClick={() => tenants.fetchNextPage()}>
          {t('operator.more')}
        </button>
      ) : null}
      {suspending ? (
        <SuspendDialog token={token} tenant={suspending} onClose={closeSuspend} />
      ) : null}
    </section>
  );
}

export function SuspendDialog(props: {
  token: string;
  tenant: Pick<Tenant, 'id' | 'name'>;
  onClose: () => void;
}) {
  const api = useApi();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const suspend = useMutation({
    mutationFn: () =>
      asOperator(api, props.token, `/v1/operator/tenants/${props.tenant.id}/suspend`, {
        method: 'POST',
        body: { reason },
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['operator', 'tenants'] });
      props.onClose();
    },
  });
  return (
    <Dialog title={t('operator.suspendTitle', { name: props.tenant.name })} onClose={props.onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          suspend.mutate();
        }}
      >
        <p>{t('operator.suspendIntro')}</p>
        <label>
          {t('operator.reason')}
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            maxLength={500}
          />
        </label>
        {suspend.isError ? <p role="alert">{errorText(suspend.error)}</p> : null}
        <button type="button" onClick={props.onClose}>
          {t('operator.cancel')}
        </button>
        <button type="submit" disabled={suspend.isPending}>
          {t('operator.confirmSuspend')}
        </button>
      </form>
    </Dialog>
  );
}

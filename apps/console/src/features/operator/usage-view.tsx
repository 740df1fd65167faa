import type { UsageReport } from '@flc/protocol/resources';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../lib/auth.tsx';
import { errorText } from '../../lib/i18n/errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { fileSize } from '../conversation/file-size.ts';
import { asOperator, downloadUsage, operatorKeys } from './operator-api.ts';

/** The first and last UTC day of a `YYYY-MM` month. */
function monthRange(month: string) {
  const [year, index] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, index, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** A month's metered usage of every tenant, with its CSV and JSON exports. */
export function UsageView({ token }: { token: string }) {
  const api = useApi();
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const [exportError, setExportError] = useState<string | null>(null);
  const range = /^\d{4}-\d{2}$/.test(month) ? monthRange(month) : null;
  const usage = useQuery({
    queryKey: operatorKeys.usage(range?.from ?? ''),
    queryFn: () =>
      asOperator<UsageReport>(api, token, '/v1/operator/usage', { query: range ?? {} }),
    enabled: range !== null,
    retry: false,
  });
  const download = async (format: 'csv' | 'json') => {
    if (!range) return;
    setExportError(null);
    try {
      await downloadUsage(token, format, range);
    } catch (error) {
      setExportError(errorText(error));
    }
  };
  const tenants = usage.data?.tenants ?? [];
  return (
    <section aria-labelledby="operator-usage">
      <h2 id="operator-usage">{t('operator.usageTitle')}</h2>
      <p className="muted">{t('operator.usageIntro')}</p>
      <search>
        <label>
          {t('operator.usageMonth')}
          <input type="month" value={month} required onChange={(e) => setMonth(e.target.value)} />
        </label>
        <div>
          <button type="button" disabled={!range} onClick={() => download('csv')}>
            {t('operator.exportCsv')}
          </button>
          <button type="button" disabled={!range} onClick={() => download('json')}>
            {t('operator.exportJson')}
          </button>
        </div>
      </search>
      {usage.isError ? <p role="alert">{errorText(usage.error)}</p> : null}
      {exportError ? <p role="alert">{exportError}</p> : null}
      <table className="operator-usage-table" aria-busy={usage.isFetching}>
        <caption>{t('operator.usageCaption', { month })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('operator.colName')}</th>
            <th scope="col">{t('operator.usageDays')}</th>
            <th scope="col">{t('operator.usageMessages')}</th>
            <th scope="col">{t('operator.usageVisitors')}</th>
            <th scope="col">{t('operator.usageSeats')}</th>
            <th scope="col">{t('operator.usageStorage')}</th>
            <th scope="col">{t('operator.usageDeliveries')}</th>
          </tr>
        </thead>
        <tbody>
          {tenants.map((tenant) => (
            <tr key={tenant.organizationId}>
              <th scope="row">{tenant.name}</th>
              <td>{tenant.days}</td>
              <td>{tenant.messages.toLocaleString()}</td>
              <td>{tenant.activeVisitors.toLocaleString()}</td>
              <td>{tenant.agentSeats.toLocaleString()}</td>
              <td>{fileSize(tenant.storageBytes)}</td>
              <td>{tenant.webhookDeliveries.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {usage.isSuccess && tenants.length === 0 ? (
        <p className="muted">{t('operator.usageNone')}</p>
      ) : null}
    </section>
  );
}

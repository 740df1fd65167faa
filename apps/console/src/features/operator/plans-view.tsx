import type { Plan, PlanLimits } from '@flc/protocol/resources';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi } from '../../lib/auth.tsx';
import { errorText } from '../../lib/i18n/errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { filledLimits, LimitFields, type LimitTexts } from './limit-fields.tsx';
import { asOperator } from './operator-api.ts';
import { plansKey, usePlans } from './plan-form.tsx';

const SHOWN = ['agents', 'environments', 'webhooks', 'messagesPerMonth'] as const;
type Shown = (typeof SHOWN)[number];

const value = (limits: PlanLimits, key: Shown) => {
  const v = limits[key];
  return v === undefined || v === null ? t('operator.unlimited') : String(v);
};

/** The plans: from FLC_PLANS_FILE (read-only) and made here; a form makes a new one. */
export function PlansView({ token }: { token: string }) {
  const plans = usePlans(token);
  if (plans.isError) return <p role="alert">{errorText(plans.error)}</p>;
  if (!plans.data) {
    return <span className="ui-spinner" role="status" aria-label={t('operator.loading')} />;
  }
  return (
    <section aria-labelledby="operator-plans">
      <h2 id="operator-plans">{t('operator.plansTitle')}</h2>
      <table>
        <caption>{t('operator.plansCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('operator.planId')}</th>
            <th scope="col">{t('operator.planName')}</th>
            {SHOWN.map((key) => (
              <th key={key} scope="col">
                {t('operator.limitName', { limit: key })}
              </th>
            ))}
            <th scope="col">{t('operator.planSource')}</th>
          </tr>
        </thead>
        <tbody>
          {plans.data.items.map((plan: Plan) => (
            <tr key={plan.id}>
              <td>{plan.id}</td>
              <td>{plan.name}</td>
              {SHOWN.map((key) => (
                <td key={key}>{value(plan.limits, key)}</td>
              ))}
              <td>{t('operator.source', { source: plan.source })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewPlanForm token={token} />
    </section>
  );
}

function NewPlanForm({ token }: { token: string }) {
  const api = useApi();
  const client = useQueryClient();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [limits, setLimits] = useState<LimitTexts<Shown>>({
    agents: '',
    environments: '',
    webhooks: '',
    messagesPerMonth: '',
  });
  const create = useMutation({
    mutationFn: () => {
      return asOperator<Plan>(api, token, '/v1/operator/plans', {
        method: 'POST',
        body: { id: id.trim(), name: name.trim(), limits: filledLimits(SHOWN, limits) },
      });
    },
    onSuccess: async () => {
      setId('');
      setName('');
      await client.invalidateQueries({ queryKey: plansKey });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} aria-labelledby="operator-new-plan">
      <h3 id="operator-new-plan">{t('operator.newPlan')}</h3>
      <label>
        {t('operator.planId')}
        <input
          value={id}
          onChange={(e) => setId(e.target.value)}
          pattern="[a-z0-9][a-z0-9_\-]{0,62}"
          aria-describedby="operator-plan-id-hint"
          required
        />
      </label>
      <p id="operator-plan-id-hint" className="muted">
        {t('operator.planIdHint')}
      </p>
      <label>
        {t('operator.planName')}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />
      </label>
      <LimitFields keys={SHOWN} values={limits} onChange={setLimits} />
      <p className="muted">{t('operator.limitsHint')}</p>
      {create.isError ? <p role="alert">{errorText(create.error)}</p> : null}
      {create.isSuccess ? <p role="status">{t('operator.saved')}</p> : null}
      <button type="submit" disabled={create.isPending}>
        {t('operator.createPlan')}
      </button>
    </form>
  );
}

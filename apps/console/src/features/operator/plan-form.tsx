import type { Plan, TenantPlan } from '@flc/protocol/resources';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi } from '../../lib/auth.tsx';
import { errorText } from '../../lib/i18n/errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { filledLimits, LimitFields, type LimitTexts } from './limit-fields.tsx';
import { asOperator } from './operator-api.ts';

export const plansKey = ['operator', 'plans'] as const;

/** Every plan, for the operator's pickers and the Plans page. */
export function usePlans(token: string) {
  const api = useApi();
  return useQuery({
    queryKey: plansKey,
    queryFn: () => asOperator<{ items: Plan[] }>(api, token, '/v1/operator/plans'),
    retry: false,
  });
}

/** The overrides a form edits: an empty field keeps the plan's value. */
const OVERRIDDEN = ['agents', 'environments', 'webhooks'] as const;
type Overridden = (typeof OVERRIDDEN)[number];

/** On a tenant's page: its plan (a select) and its own limits over the plan's. */
export function TenantPlanForm({ token, tenantId }: { token: string; tenantId: string }) {
  const api = useApi();
  const path = `/v1/operator/tenants/${encodeURIComponent(tenantId)}/plan`;
  const current = useQuery({
    queryKey: ['operator', 'tenants', 'plan', tenantId],
    queryFn: () => asOperator<TenantPlan>(api, token, path),
    retry: false,
  });
  const plans = usePlans(token);
  if (current.isError) return <p role="alert">{errorText(current.error)}</p>;
  if (plans.isError) return <p role="alert">{errorText(plans.error)}</p>;
  if (!current.data || !plans.data) {
    return <span className="ui-spinner" role="status" aria-label={t('operator.loading')} />;
  }
  return <PlanChoice token={token} path={path} current={current.data} plans={plans.data.items} />;
}

function PlanChoice(props: { token: string; path: string; current: TenantPlan; plans: Plan[] }) {
  const api = useApi();
  const client = useQueryClient();
  const [planId, setPlanId] = useState(props.current.planId ?? '');
  const [limits, setLimits] = useState<LimitTexts<Overridden>>(() => {
    const own = props.current.overrides.limits ?? {};
    const text = (key: Overridden) => (key in own ? String(own[key] ?? '') : '');
    return {
      agents: text('agents'),
      environments: text('environments'),
      webhooks: text('webhooks'),
    };
  });
  const save = useMutation({
    mutationFn: () => {
      const overrides = filledLimits(OVERRIDDEN, limits);
      return asOperator<TenantPlan>(api, props.token, props.path, {
        method: 'PUT',
        body: {
          planId: planId || null,
          overrides: {
            ...props.current.overrides,
            limits: { ...withoutEdited(props.current.overrides.limits), ...overrides },
          },
        },
      });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['operator', 'tenants'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const effective = props.current.effective;
  return (
    <form onSubmit={submit} aria-labelledby="operator-tenant-plan">
      <h3 id="operator-tenant-plan">{t('operator.planTitle')}</h3>
      <label>
        {t('operator.plan')}
        <select value={planId} onChange={(e) => setPlanId(e.target.value)}>
          <option value="">{t('operator.noPlan')}</option>
          {props.plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.id})
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('operator.overrides')}</legend>
        <p className="muted">{t('operator.overridesHint')}</p>
        <LimitFields keys={OVERRIDDEN} values={limits} onChange={setLimits} />
      </fieldset>
      <p data-testid="operator-effective-agents">
        {t('operator.effectiveAgents', {
          agents: effective.limits.agents === null ? '∞' : effective.limits.agents,
        })}
      </p>
      {save.isError ? <p role="alert">{errorText(save.error)}</p> : null}
      {save.isSuccess ? <p role="status">{t('operator.saved')}</p> : null}
      <button type="submit" disabled={save.isPending}>
        {t('operator.savePlan')}
      </button>
    </form>
  );
}

/** The overrides of limits this form does not edit, kept as they were. */
function withoutEdited(limits: TenantPlan['overrides']['limits']) {
  const rest: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(limits ?? {})) {
    if (!(OVERRIDDEN as readonly string[]).includes(key)) rest[key] = value ?? null;
  }
  return rest;
}

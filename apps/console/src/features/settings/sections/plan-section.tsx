import type { OrganizationPlan, PlanUsageRow } from '@flc/protocol/resources';
import { canManage, useMe } from '../../../lib/auth.tsx';
import { currentLocale, t } from '../../../lib/i18n/index.tsx';
import { fileSize } from '../../conversation/file-size.ts';
import { usePlan } from '../api/get-plan.ts';
import { Card, ErrorState, Loading } from '../components/states.tsx';
import { SectionHeader } from './section-header.tsx';

type LimitName = keyof OrganizationPlan['limits'];
type FeatureName = keyof OrganizationPlan['features'];

const RATES: LimitName[] = ['apiKeyRequestsPerSecond', 'sendsPerSecond'];

/** Settings › Plan & usage: each limit as "3 of 5", a bar where there is a limit. */
export function PlanSection() {
  const me = useMe();
  const manager = me.data ? canManage(me.data.agent.role) : false;
  const plan = usePlan(manager);
  return (
    <>
      <SectionHeader
        title={t('plan.section')}
        description={t('plan.description')}
        actions={
          manager ? (
            <button type="button" disabled={plan.isFetching} onClick={() => void plan.refetch()}>
              {t('plan.refresh')}
            </button>
          ) : null
        }
      />
      {!me.data ? (
        <Loading />
      ) : !manager ? (
        <p className="muted">{t('plan.managersOnly')}</p>
      ) : plan.isPending ? (
        <Loading />
      ) : plan.isError ? (
        <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />
      ) : (
        <PlanCards plan={plan.data} />
      )}
    </>
  );
}

function PlanCards({ plan }: { plan: OrganizationPlan }) {
  const limits = Object.entries(plan.limits) as [LimitName, PlanUsageRow][];
  const features = Object.entries(plan.features) as [FeatureName, boolean][];
  return (
    <>
      <p data-testid="plan-name">
        {plan.plan ? t('plan.planName', { name: plan.plan.name }) : t('plan.noPlan')}
      </p>
      <Card title={t('plan.limitsTitle')}>
        <dl className="plan-usage">
          {limits.map(([name, row]) => (
            <div key={name} className="plan-usage-row" data-testid={`plan-limit-${name}`}>
              <dt>{t('plan.limit', { limit: name })}</dt>
              <dd>
                <span>{usage(name, row)}</span>
                {row.limit !== null && row.used !== null ? (
                  <meter
                    min={0}
                    max={Math.max(row.limit, 1)}
                    value={Math.min(row.used, Math.max(row.limit, 1))}
                    aria-label={t('plan.limit', { limit: name })}
                  />
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title={t('plan.featuresTitle')}>
        <dl className="plan-usage">
          {features.map(([name, on]) => (
            <div key={name} className="plan-usage-row">
              <dt>{t('plan.feature', { feature: name })}</dt>
              <dd>{on ? t('plan.on') : t('plan.off')}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </>
  );
}

/** "3 of 5", "3 (unlimited)", "20 per second", bytes as sizes. */
function usage(name: LimitName, row: PlanUsageRow): string {
  const number = new Intl.NumberFormat(currentLocale());
  const show = (n: number) => (name === 'attachmentBytes' ? fileSize(n) : number.format(n));
  if (RATES.includes(name)) {
    return row.limit === null ? t('plan.unlimited') : t('plan.rate', { limit: show(row.limit) });
  }
  const used = show(row.used ?? 0);
  return row.limit === null
    ? t('plan.usedUnlimited', { used })
    : t('plan.usedOf', { used, limit: show(row.limit) });
}

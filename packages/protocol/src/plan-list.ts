import { Value } from '@sinclair/typebox/value';
import { PlanList } from './resources/plan.ts';

// Apart from the resources: a server's check, kept out of the browser bundles that read shapes.

/**
 * Checks a parsed FLC_PLANS_FILE: its plans, or every problem named by its place in the file
 * (`[1].limits.agents: Expected integer`), and ids given twice.
 */
export function checkPlanList(
  value: unknown,
): { ok: true; plans: PlanList } | { ok: false; problems: string[] } {
  const problems = [...Value.Errors(PlanList, value)].slice(0, 20).map((e) => {
    const place = e.path
      .split('/')
      .filter(Boolean)
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
      .join('')
      .replace(/^\./, '');
    return `${place || '(the file)'}: ${e.message}`;
  });
  if (problems.length > 0) return { ok: false, problems };
  const plans = value as PlanList;
  const seen = new Set<string>();
  for (const [i, plan] of plans.entries()) {
    if (seen.has(plan.id)) problems.push(`[${i}].id: "${plan.id}" is given twice`);
    seen.add(plan.id);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, plans };
}

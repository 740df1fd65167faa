import type { Environment } from '@flc/protocol/resources';
import { useEffect } from 'react';
import { t } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.tsx';
import { useEnvironments } from './api/get-environments.ts';

/**
 * The environment a section shows, from `?env=` (so a link keeps it), else the first one. The
 * id is written back to the URL so reloads and the other sections keep the choice.
 */
export function useSelectedEnvironment(): {
  environments: Environment[] | undefined;
  selected: Environment | undefined;
  select: (id: string) => void;
  query: ReturnType<typeof useEnvironments>;
} {
  const query = useEnvironments();
  const { pathname, search } = useLocation();
  const wanted = search.get('env');
  const environments = query.data?.items;
  const selected = environments?.find((e) => e.id === wanted) ?? environments?.[0];
  const select = (id: string) => {
    const next = new URLSearchParams(search);
    next.set('env', id);
    next.delete('webhook');
    navigate(`${pathname}?${next}`, { replace: true });
  };
  useEffect(() => {
    if (selected && wanted !== selected.id) {
      const next = new URLSearchParams(search);
      next.set('env', selected.id);
      navigate(`${pathname}?${next}`, { replace: true });
    }
  }, [selected, wanted, pathname, search]);
  return { environments, selected, select, query };
}

export function EnvironmentPicker({
  environments,
  selected,
  onSelect,
}: {
  environments: Environment[];
  selected: Environment | undefined;
  onSelect: (id: string) => void;
}) {
  return (
    <label className="env-picker">
      <span>{t('settings.environment')}</span>
      <select value={selected?.id ?? ''} onChange={(e) => onSelect(e.target.value)}>
        {environments.map((env) => (
          <option key={env.id} value={env.id}>
            {env.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A link that keeps the chosen environment. */
export const withEnv = (path: string, env: Environment | undefined) =>
  env ? `${path}?env=${env.id}` : path;

import type { Agent, AssignmentPolicy, Team } from '@flc/protocol/resources';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../lib/field.tsx';
import { errorText } from '../../../lib/i18n/errors.ts';
import { t } from '../../../lib/i18n/index.tsx';
import { useAssignmentPolicy, useSetAssignmentPolicy, useSetCapacity } from '../../../lib/teams.ts';
import { useEnvironments } from '../api/get-environments.ts';
import { Card } from '../components/states.tsx';

const MODES = ['manual', 'round_robin', 'least_busy'] as const;

/** One environment's policy at a time: its mode and team, saved together. */
export function AssignmentPolicyCard({
  manager,
  teams,
}: {
  manager: boolean;
  teams: readonly Team[];
}) {
  const environments = useEnvironments().data?.items ?? [];
  const [environmentId, setEnvironmentId] = useState<string | undefined>();
  const chosen = environmentId ?? environments[0]?.id;
  const policy = useAssignmentPolicy(chosen);
  return (
    <Card title={t('teams.policyCard')} description={t('teams.policyDescription')}>
      <div className="assignment-form">
        <Field label={t('teams.environment')}>
          {(props) => (
            <select
              {...props}
              value={chosen ?? ''}
              onChange={(e) => setEnvironmentId(e.target.value)}
            >
              {environments.map((env) => (
                <option key={env.id} value={env.id}>
                  {env.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {chosen && policy.data ? (
        <PolicyForm
          key={chosen}
          environmentId={chosen}
          policy={policy.data}
          teams={teams}
          manager={manager}
        />
      ) : null}
    </Card>
  );
}

function PolicyForm({
  environmentId,
  policy,
  teams,
  manager,
}: {
  environmentId: string;
  policy: AssignmentPolicy;
  teams: readonly Team[];
  manager: boolean;
}) {
  const [mode, setMode] = useState(policy.mode);
  const [teamId, setTeamId] = useState(policy.teamId ?? '');
  const [problem, setProblem] = useState<string | undefined>();
  const save = useSetAssignmentPolicy(environmentId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mode !== 'manual' && !teamId) return setProblem(t('teams.teamRequired'));
    setProblem(undefined);
    save.mutate({ mode, teamId: teamId || null });
  };
  return (
    <form className="assignment-form" onSubmit={submit}>
      <Field label={t('teams.mode')}>
        {(props) => (
          <select
            {...props}
            value={mode}
            disabled={!manager}
            onChange={(e) => setMode(e.target.value as AssignmentPolicy['mode'])}
          >
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t('teams.modeName', { mode: m })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('teams.team')}
        error={problem ?? (save.error ? errorText(save.error) : undefined)}
      >
        {(props) => (
          <select
            {...props}
            value={teamId}
            disabled={!manager}
            onChange={(e) => setTeamId(e.target.value)}
          >
            <option value="">{t('teams.noTeam')}</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {manager ? (
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t('teams.saving') : t('teams.savePolicy')}
        </button>
      ) : null}
      {save.isSuccess ? (
        <span role="status" className="muted">
          {t('teams.policySaved')}
        </span>
      ) : null}
    </form>
  );
}

/** Each active agent's capacity: a number, or empty for no limit. */
export function CapacityCard({ manager, agents }: { manager: boolean; agents: readonly Agent[] }) {
  return (
    <Card title={t('teams.capacityCard')} description={t('teams.capacityDescription')}>
      <table className="table" aria-label={t('teams.capacityTable')}>
        <thead>
          <tr>
            <th scope="col">{t('teams.capacityColumnsAgent')}</th>
            <th scope="col">{t('teams.capacityColumnsCapacity')}</th>
          </tr>
        </thead>
        <tbody>
          {agents
            .filter((a) => a.status === 'active')
            .map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td>
                  <CapacityForm agent={a} manager={manager} />
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </Card>
  );
}

function CapacityForm({ agent, manager }: { agent: Agent; manager: boolean }) {
  const [value, setValue] = useState(agent.capacity === null ? '' : String(agent.capacity));
  const save = useSetCapacity();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: agent.id, capacity: value === '' ? null : Number(value) });
  };
  return (
    <form onSubmit={submit} className="assignment-form">
      <input
        type="number"
        min={0}
        max={10000}
        className="capacity-input"
        aria-label={t('teams.capacityOf', { name: agent.name })}
        placeholder={t('teams.unlimited')}
        value={value}
        disabled={!manager}
        onChange={(e) => setValue(e.target.value)}
      />
      {manager ? (
        <button
          type="submit"
          aria-label={t('teams.saveCapacity', { name: agent.name })}
          disabled={save.isPending}
        >
          {t('teams.save')}
        </button>
      ) : null}
      {save.isError ? <span role="alert">{errorText(save.error)}</span> : null}
    </form>
  );
}

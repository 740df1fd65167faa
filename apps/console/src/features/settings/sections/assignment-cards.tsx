import type { Agent, AssignmentPolicy, Team } from '@flc/protocol/resources';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../lib/field.tsx';
import { teamWords as W } from '../../../lib/team-strings.ts';
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
    <Card title={W.policyCard} description={W.policyDescription}>
      <div className="assignment-form">
        <Field label={W.environment}>
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
    if (mode !== 'manual' && !teamId) return setProblem(W.teamRequired);
    setProblem(undefined);
    save.mutate({ mode, teamId: teamId || null });
  };
  return (
    <form className="assignment-form" onSubmit={submit}>
      <Field label={W.mode}>
        {(props) => (
          <select
            {...props}
            value={mode}
            disabled={!manager}
            onChange={(e) => setMode(e.target.value as AssignmentPolicy['mode'])}
          >
            {MODES.map((m) => (
              <option key={m} value={m}>
                {W.modes[m]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={W.team} error={problem ?? save.error?.message}>
        {(props) => (
          <select
            {...props}
            value={teamId}
            disabled={!manager}
            onChange={(e) => setTeamId(e.target.value)}
          >
            <option value="">{W.noTeam}</option>
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
          {save.isPending ? W.saving : W.savePolicy}
        </button>
      ) : null}
      {save.isSuccess ? (
        <span role="status" className="muted">
          {W.policySaved}
        </span>
      ) : null}
    </form>
  );
}

/** Each active agent's capacity: a number, or empty for no limit. */
export function CapacityCard({ manager, agents }: { manager: boolean; agents: readonly Agent[] }) {
  return (
    <Card title={W.capacityCard} description={W.capacityDescription}>
      <table className="table" aria-label={W.capacityTable}>
        <thead>
          <tr>
            <th scope="col">{W.capacityColumns.agent}</th>
            <th scope="col">{W.capacityColumns.capacity}</th>
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
        aria-label={W.capacityOf(agent.name)}
        placeholder={W.unlimited}
        value={value}
        disabled={!manager}
        onChange={(e) => setValue(e.target.value)}
      />
      {manager ? (
        <button type="submit" aria-label={W.saveCapacity(agent.name)} disabled={save.isPending}>
          {W.save}
        </button>
      ) : null}
      {save.isError ? <span role="alert">{save.error.message}</span> : null}
    </form>
  );
}

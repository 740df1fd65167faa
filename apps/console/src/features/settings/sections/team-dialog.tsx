import type { Agent, Team } from '@flc/protocol/resources';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../../lib/api.ts';
import { Field } from '../../../lib/field.tsx';
import { fieldError, formErrors } from '../../../lib/form-errors.ts';
import { errorText } from '../../../lib/i18n/errors.ts';
import { t } from '../../../lib/i18n/index.tsx';
import { useCreateTeam, useUpdateTeam } from '../../../lib/teams.ts';
import { FormDialog } from '../components/dialog.tsx';

const TEAM_FIELDS = ['name', 'memberIds'] as const;

/** Creates a team, or edits one (`team`): its name and its members, checked from the agents. */
export function TeamDialog({
  team,
  agents,
  onClose,
}: {
  team?: Team;
  agents: readonly Agent[];
  onClose: () => void;
}) {
  const [name, setName] = useState(team?.name ?? '');
  const [members, setMembers] = useState<ReadonlySet<string>>(new Set(team?.memberIds ?? []));
  const [problem, setProblem] = useState<string | undefined>();
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const mutation = team ? update : create;
  const errors = formErrors(mutation.error, TEAM_FIELDS);
  const taken = mutation.error instanceof ApiError && mutation.error.status === 409;
  const toggle = (id: string) =>
    setMembers((now) => {
      const next = new Set(now);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setProblem(t('teams.nameRequired'));
    setProblem(undefined);
    const body = { name: name.trim(), memberIds: [...members] };
    if (team) update.mutate({ id: team.id, patch: body }, { onSuccess: onClose });
    else create.mutate(body, { onSuccess: onClose });
  };
  return (
    <FormDialog
      title={team ? t('teams.editTitle', { name: team.name }) : t('teams.createTitle')}
      submitLabel={team ? t('teams.save') : t('teams.createSubmit')}
      pendingLabel={team ? t('teams.saving') : t('teams.creating')}
      pending={mutation.isPending}
      error={taken ? null : errors.form}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field
        label={t('teams.name')}
        error={
          problem ??
          fieldError(errors, 'name') ??
          (taken ? (mutation.error ? errorText(mutation.error) : undefined) : undefined)
        }
        hint={t('teams.nameHint')}
      >
        {(props) => (
          <input {...props} maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
        )}
      </Field>
      <fieldset className="team-members">
        <legend>{t('teams.members')}</legend>
        {agents
          .filter((a) => a.status !== 'disabled')
          .map((a) => (
            <label key={a.id} className="team-member">
              <input type="checkbox" checked={members.has(a.id)} onChange={() => toggle(a.id)} />{' '}
              {a.name}
            </label>
          ))}
      </fieldset>
    </FormDialog>
  );
}

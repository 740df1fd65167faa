import type { SignupMode, SignupPolicy } from '@flc/protocol/resources';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useApi } from '../../lib/auth.tsx';
import { errorText } from '../../lib/i18n/errors.ts';
import { t } from '../../lib/i18n/index.tsx';
import { asOperator } from './operator-api.ts';

const MODES: SignupMode[] = ['open', 'invite_only', 'closed'];
const policyKey = ['operator', 'signup-policy'] as const;

/** Who may sign up on this install: anyone (optionally from some mail domains), invited, nobody. */
export function PolicyView({ token }: { token: string }) {
  const api = useApi();
  const policy = useQuery({
    queryKey: policyKey,
    queryFn: () => asOperator<SignupPolicy>(api, token, '/v1/operator/signup-policy'),
    retry: false,
  });
  if (policy.isError) return <p role="alert">{errorText(policy.error)}</p>;
  if (!policy.data) {
    return <span className="ui-spinner" role="status" aria-label={t('operator.loading')} />;
  }
  return <PolicyForm token={token} policy={policy.data} />;
}

function PolicyForm({ token, policy }: { token: string; policy: SignupPolicy }) {
  const api = useApi();
  const client = useQueryClient();
  const [mode, setMode] = useState<SignupMode>(policy.mode);
  const [domains, setDomains] = useState(policy.allowedDomains.join('\n'));
  const save = useMutation({
    mutationFn: () =>
      asOperator<SignupPolicy>(api, token, '/v1/operator/signup-policy', {
        method: 'PUT',
        body: { mode, allowedDomains: domains.split(/[\s,]+/).filter(Boolean) },
      }),
    onSuccess: (saved) => client.setQueryData(policyKey, saved),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} aria-labelledby="operator-policy">
      <h2 id="operator-policy">{t('operator.policyTitle')}</h2>
      <fieldset>
        <legend>{t('operator.policyMode')}</legend>
        {MODES.map((m) => (
          <label key={m}>
            <input
              type="radio"
              name="mode"
              value={m}
              checked={mode === m}
              onChange={() => setMode(m)}
            />
            {t('operator.mode', { mode: m })}
          </label>
        ))}
      </fieldset>
      <label>
        {t('operator.domains')}
        <textarea
          value={domains}
          onChange={(e) => setDomains(e.target.value)}
          aria-describedby="operator-domains-hint"
        />
      </label>
      <p id="operator-domains-hint" className="muted">
        {t('operator.domainsHint')}
      </p>
      {save.isError ? <p role="alert">{errorText(save.error)}</p> : null}
      {save.isSuccess ? <p role="status">{t('operator.saved')}</p> : null}
      <button type="submit" disabled={save.isPending}>
        {t('operator.save')}
      </button>
    </form>
  );
}

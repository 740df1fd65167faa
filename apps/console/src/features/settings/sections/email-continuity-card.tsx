import { useId } from 'react';
import { useEmailContinuity, useSaveEmailContinuity } from '../api/email-continuity.ts';
import { Card } from '../components/states.tsx';
import { emailContinuityStrings as s } from './email-continuity-strings.ts';

/** The environment's email continuity switch (owners and admins): saved as it is flipped. */
export function EmailContinuityCard({ environmentId }: { environmentId: string }) {
  const setting = useEmailContinuity(environmentId);
  const save = useSaveEmailContinuity(environmentId);
  const id = useId();
  if (setting.isError) return <Card title={s.title}>{s.loadFailed(setting.error.message)}</Card>;
  if (!setting.data) {
    return <Card title={s.title}>{<div className="ui-skeleton ui-skeleton-block" />}</Card>;
  }
  const enabled = setting.data.enabled;
  return (
    <Card title={s.title} description={s.description}>
      <label className="check">
        <input
          type="checkbox"
          checked={enabled}
          disabled={save.isPending}
          aria-describedby={`${id}-hint`}
          onChange={(e) => save.mutate({ enabled: e.target.checked })}
        />
        {s.toggle}
      </label>
      <p id={`${id}-hint`} className="muted">
        {enabled ? s.hintOn : s.hintOff}
      </p>
      <p role="status" className="muted">
        {save.isPending
          ? s.saving
          : save.isError
            ? s.failed
            : save.isSuccess
              ? enabled
                ? s.savedOn
                : s.savedOff
              : ''}
      </p>
    </Card>
  );
}

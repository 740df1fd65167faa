import { useId } from 'react';
import { errorText } from '../../../lib/i18n/errors.ts';
import { t } from '../../../lib/i18n/index.tsx';
import { useEmailContinuity, useSaveEmailContinuity } from '../api/email-continuity.ts';
import { Card } from '../components/states.tsx';

/** The environment's email continuity switch (owners and admins): saved as it is flipped. */
export function EmailContinuityCard({ environmentId }: { environmentId: string }) {
  const setting = useEmailContinuity(environmentId);
  const save = useSaveEmailContinuity(environmentId);
  const id = useId();
  if (setting.isError)
    return (
      <Card title={t('emailContinuity.title')}>
        {t('emailContinuity.loadFailed', { message: errorText(setting.error) })}
      </Card>
    );
  if (!setting.data) {
    return (
      <Card title={t('emailContinuity.title')}>
        {<div className="ui-skeleton ui-skeleton-block" />}
      </Card>
    );
  }
  const enabled = setting.data.enabled;
  return (
    <Card title={t('emailContinuity.title')} description={t('emailContinuity.description')}>
      <label className="check">
        <input
          type="checkbox"
          checked={enabled}
          disabled={save.isPending}
          aria-describedby={`${id}-hint`}
          onChange={(e) => save.mutate({ enabled: e.target.checked })}
        />
        {t('emailContinuity.toggle')}
      </label>
      <p id={`${id}-hint`} className="muted">
        {enabled ? t('emailContinuity.hintOn') : t('emailContinuity.hintOff')}
      </p>
      <p role="status" className="muted">
        {save.isPending
          ? t('emailContinuity.saving')
          : save.isError
            ? t('emailContinuity.failed')
            : save.isSuccess
              ? enabled
                ? t('emailContinuity.savedOn')
                : t('emailContinuity.savedOff')
              : ''}
      </p>
    </Card>
  );
}

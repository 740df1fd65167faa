import type { Invitation, InvitationLink, InvitationMailed, Role } from '@flc/protocol/resources';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../lib/field.tsx';
import { fieldError, formErrors } from '../../../lib/form-errors.ts';
import { currentLocale, t } from '../../../lib/i18n/index.tsx';
import { INVITE_FIELDS, useInviteAgent } from '../api/invite-agent.ts';
import { CopyField } from '../components/copy.tsx';
import { Dialog, FormDialog } from '../components/dialog.tsx';
import { dateTime, roleLabel } from '../format.ts';
import { inviteUrl } from '../snippet.ts';

export function InviteDialog({
  ownerInvites,
  onClose,
  onInvited,
}: {
  ownerInvites: boolean;
  onClose: () => void;
  onInvited: (invitation: Invitation) => void;
}) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const invite = useInviteAgent();
  const errors = formErrors(invite.error, INVITE_FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ email: email.trim(), name: name.trim(), role }, { onSuccess: onInvited });
  };
  const roles: Role[] = ownerInvites ? ['agent', 'admin', 'owner'] : ['agent', 'admin'];
  return (
    <FormDialog
      title={t('invite.title')}
      submitLabel={t('invite.submit')}
      pendingLabel={t('invite.pending')}
      pending={invite.isPending}
      error={errors.form}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field label={t('invite.email')} error={fieldError(errors, 'email')}>
        {(props) => (
          <input {...props} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        )}
      </Field>
      <Field label={t('invite.name')} error={fieldError(errors, 'name')}>
        {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field
        label={t('invite.role')}
        error={fieldError(errors, 'role')}
        hint={t('invite.roleHint', { role })}
      >
        {(props) => (
          <select {...props} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </FormDialog>
  );
}

/**
 * After inviting: "sent" when the server mailed the link (this browser never saw the token), or
 * the link to pass on when the server sends no mail.
 */
export function InvitationDialog({
  invitation,
  onClose,
}: {
  invitation: Invitation;
  onClose: () => void;
}) {
  const mailed = invitation.delivery === 'email';
  return (
    <Dialog
      title={mailed ? t('invite.sentTitle') : t('invite.linkTitle')}
      onClose={onClose}
      footer={
        <button type="button" className="primary" onClick={onClose}>
          {t('invite.done')}
        </button>
      }
    >
      {mailed ? <Sent invitation={invitation} /> : <LinkToPass invitation={invitation} />}
    </Dialog>
  );
}

const roleWords = (role: Role) => roleLabel(role).toLocaleLowerCase(currentLocale());

function Sent({ invitation }: { invitation: InvitationMailed }) {
  const { agent } = invitation;
  return (
    <>
      <p role="status">
        <strong>{t('invite.sent', { name: agent.name, email: agent.email })}</strong>
      </p>
      <p>
        {t('invite.sentHint', {
          role: roleWords(agent.role),
          until: dateTime(invitation.expiresAt),
        })}
      </p>
      <p className="muted small">{t('invite.sentAgain')}</p>
    </>
  );
}

function LinkToPass({ invitation }: { invitation: InvitationLink }) {
  const { agent } = invitation;
  const url = inviteUrl(window.location.origin, invitation.inviteToken);
  return (
    <>
      <p>
        {t('invite.linkIntro', {
          name: agent.name,
          email: agent.email,
          role: roleWords(agent.role),
        })}
      </p>
      <CopyField label={t('invite.linkLabel')} value={url} testId="invite-link" />
      <p className="muted small">
        {t('invite.linkHint', { until: dateTime(invitation.expiresAt) })}
      </p>
    </>
  );
}

import type { Invitation, Role } from '@flc/protocol/resources';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../lib/field.tsx';
import { fieldError, formErrors } from '../../../lib/form-errors.ts';
import { INVITE_FIELDS, useInviteAgent } from '../api/invite-agent.ts';
import { CopyField } from '../components/copy.tsx';
import { Dialog, FormDialog } from '../components/dialog.tsx';
import { dateTime, ROLE_LABELS } from '../format.ts';
import { inviteUrl } from '../snippet.ts';

const ROLE_HINTS: Record<Role, string> = {
  agent: 'Works conversations; reads settings.',
  admin: 'Also manages agents, environments, keys and webhooks.',
  owner: 'Everything, including other owners.',
};

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
      title="Invite an agent"
      submitLabel="Create invitation"
      pendingLabel="Inviting…"
      pending={invite.isPending}
      error={errors.form}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field label="Email" error={fieldError(errors, 'email')}>
        {(props) => (
          <input {...props} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        )}
      </Field>
      <Field label="Name" error={fieldError(errors, 'name')}>
        {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label="Role" error={fieldError(errors, 'role')} hint={ROLE_HINTS[role]}>
        {(props) => (
          <select {...props} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
    </FormDialog>
  );
}

/** The link to send: Fast Light Chat sends no email, so the inviter passes it on. */
export function InviteLinkDialog({
  invitation,
  onClose,
}: {
  invitation: Invitation;
  onClose: () => void;
}) {
  const url = inviteUrl(window.location.origin, invitation.inviteToken);
  return (
    <Dialog
      title="Invitation ready"
      onClose={onClose}
      footer={
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      }
    >
      <p>
        Send this link to <strong>{invitation.agent.name}</strong> ({invitation.agent.email}). It
        signs them in as {ROLE_LABELS[invitation.agent.role].toLowerCase()} once they choose a
        password, and works only once.
      </p>
      <CopyField label="Invitation link" value={url} testId="invite-link" />
      <p className="muted small">
        This link is shown only now and works until {dateTime(invitation.expiresAt)}. Lost it, or
        too late? Use “New link” on the agent’s row.
      </p>
    </Dialog>
  );
}

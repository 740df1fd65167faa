import type { AuditEvent } from '@flc/protocol/resources';

// Every word the audit log shows, in one place for translation.

/** What each recorded action means, in words. */
export const AUDIT_ACTIONS: Record<string, string> = {
  'auth.login.succeeded': 'Signed in',
  'auth.login.failed': 'Failed sign-in',
  'auth.sso.succeeded': 'Signed in with single sign-on',
  'auth.refresh_token.reused': 'Reused a spent session token (session ended)',
  'auth.password_reset.requested': 'Asked for a password reset link',
  'auth.password_reset.completed': 'Reset the password (every session ended)',
  'organization.created': 'Created the organization',
  'agent.invited': 'Invited an agent',
  'agent.reinvited': 'Sent a new invitation',
  'agent.joined': 'Joined the organization',
  'agent.role_changed': 'Changed a role',
  'agent.disabled': 'Disabled an agent',
  'agent.enabled': 'Re-enabled an agent',
  'agent.removed': 'Removed an agent',
  'api_key.created': 'Created an API key',
  'api_key.revoked': 'Revoked an API key',
  'webhook.created': 'Added a webhook',
  'webhook.updated': 'Changed a webhook',
  'webhook.deleted': 'Deleted a webhook',
  'webhook.secret_rotated': 'Rotated a webhook signing secret',
  'webhook.disabled': 'Disabled a failing webhook',
  'environment.created': 'Created an environment',
  'environment.deleted': 'Deleted an environment',
  'environment.origins_changed': 'Changed allowed origins',
  'environment.plugin_key_rotated': 'Rotated a plugin key',
  'environment.identity_secret_rotated': 'Rotated an identity secret',
  'environment.identity_secret_revealed': 'Revealed an identity secret',
  'sso.connection_created': 'Set up single sign-on',
  'sso.connection_updated': 'Changed single sign-on',
  'sso.connection_deleted': 'Removed single sign-on',
  'canned_response.created': 'Saved a canned response',
  'canned_response.updated': 'Changed a canned response',
  'canned_response.deleted': 'Deleted a canned response',
  'label.created': 'Created a label',
  'label.updated': 'Changed a label',
  'label.deleted': 'Deleted a label',
  'team.created': 'Created a team',
  'team.updated': 'Changed a team',
  'team.deleted': 'Deleted a team',
  'agent.capacity_changed': "Changed an agent's capacity",
  'environment.assignment_policy_changed': 'Changed the assignment policy',
  'environment.business_hours_changed': 'Changed the business hours',
  'environment.email_continuity_changed': 'Switched email replies',
};

/** The action filter's choices: a prefix of the action names each. */
export const AUDIT_FILTERS: { prefix: string; label: string }[] = [
  { prefix: '', label: 'All actions' },
  { prefix: 'auth.', label: 'Sign-ins' },
  { prefix: 'agent.', label: 'Agents and roles' },
  { prefix: 'api_key.', label: 'API keys' },
  { prefix: 'webhook.', label: 'Webhooks' },
  { prefix: 'environment.', label: 'Environments' },
  { prefix: 'organization.', label: 'Organization' },
  { prefix: 'sso.', label: 'Single sign-on' },
  { prefix: 'canned_response.', label: 'Canned responses' },
  { prefix: 'label.', label: 'Labels' },
  { prefix: 'team.', label: 'Teams' },
];

export const AUDIT_WORDS = {
  title: 'Audit log',
  description:
    'Who signed in, changed roles, keys, secrets and webhooks, when and from where. Entries cannot be changed or removed.',
  filter: 'Action',
  table: 'Audit events',
  columns: { time: 'Time', actor: 'Who', action: 'Action', target: 'On', ip: 'IP address' },
  empty: 'Nothing recorded yet',
  emptyFiltered: 'Nothing recorded for these actions',
  more: 'Load more',
  loadingMore: 'Loading…',
  ownersOnly: 'Only owners read the audit log.',
  actorKinds: { system: 'System', anonymous: 'Not signed in', api_key: 'API key', agent: 'Agent' },
  personalResponse: 'a personal response',
  roleChange: (before: string, after: string) => `${before} → ${after}`,
  /** How an invitation travelled (`details.delivery` of `agent.invited` and `agent.reinvited`). */
  delivery: { email: 'mailed', link: 'link shown to the inviter' } as Record<string, string>,
  failure: {
    wrong_password: 'wrong password',
    account_disabled: 'account disabled',
    account_invited: 'invitation not accepted',
  } as Record<string, string>,
} as const;

/** An action in words; one added later without words yet reads as its name, spaced. */
export function actionWords(action: string): string {
  const known = AUDIT_ACTIONS[action];
  if (known) return known;
  const words = action.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** What the event was about, by the name it had then: an agent's name, a key's, a URL. */
export function targetWords(event: AuditEvent): string {
  const d = event.details;
  const name = text(d.name) ?? text(d.email) ?? text(d.url);
  if (event.action === 'auth.login.failed') {
    const reason = AUDIT_WORDS.failure[text(d.reason) ?? ''];
    return [text(d.email), reason && `(${reason})`].filter(Boolean).join(' ');
  }
  if (event.target?.type === 'canned_response') {
    // Of a personal response the log keeps only that it was one.
    return text(d.shortcut) ? `/${text(d.shortcut)}` : AUDIT_WORDS.personalResponse;
  }
  const delivery = AUDIT_WORDS.delivery[text(d.delivery) ?? ''];
  if (delivery && event.action.startsWith('agent.')) return `${name ?? ''} (${delivery})`.trim();
  const previous = text(d.previousName);
  if (previous && name) return `${previous} → ${name}`;
  const role = d.role as { before?: string; after?: string } | undefined;
  if (role && typeof role === 'object' && role.before && role.after) {
    return `${name ?? ''} ${AUDIT_WORDS.roleChange(role.before, role.after)}`.trim();
  }
  return name ?? event.target?.type ?? '—';
}

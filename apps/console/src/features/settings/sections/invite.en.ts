/** What inviting an agent says (Settings → Agents). */
export default {
  title: 'Invite an agent',
  submit: 'Create invitation',
  pending: 'Inviting…',
  email: 'Email',
  name: 'Name',
  role: 'Role',
  roleHint:
    '{role, select, agent {Works conversations; reads settings.} admin {Also manages agents, environments, keys and webhooks.} other {Everything, including other owners.}}',
  renew: 'Renew invitation',
  renewLabel: 'Renew invitation for {name}',
  done: 'Done',
  sentTitle: 'Invitation sent',
  sent: 'Invitation sent to {name} ({email}).',
  sentHint:
    'The email holds a link that signs them in as {role} once they choose a password. It works once, until {until}.',
  sentAgain:
    'Nothing arrived? Ask them to look in their spam folder, or use “Renew invitation” on their row: the earlier link then stops working.',
  linkTitle: 'Invitation ready',
  linkIntro:
    'Send this link to {name} ({email}). It signs them in as {role} once they choose a password, and works only once.',
  linkLabel: 'Invitation link',
  linkHint:
    'This link is shown only now and works until {until}. Lost it, or too late? Use “Renew invitation” on the agent’s row.',
} as const;

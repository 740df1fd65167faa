import type { Role } from '@flc/protocol/resources';

/** What inviting an agent says (Settings → Agents), together so it can be translated. */
export const inviteStrings = {
  title: 'Invite an agent',
  submit: 'Create invitation',
  pending: 'Inviting…',
  email: 'Email',
  name: 'Name',
  role: 'Role',
  roleHints: {
    agent: 'Works conversations; reads settings.',
    admin: 'Also manages agents, environments, keys and webhooks.',
    owner: 'Everything, including other owners.',
  } satisfies Record<Role, string>,
  /** The row's button that issues a new invitation (mailed, or a new link to pass on). */
  renew: 'Renew invitation',
  renewLabel: (name: string) => `Renew invitation for ${name}`,
  done: 'Done',
  // The server mailed the link: the token never reached this browser.
  sentTitle: 'Invitation sent',
  sent: (name: string, email: string) => `Invitation sent to ${name} (${email}).`,
  sentHint: (role: string, until: string) =>
    `The email holds a link that signs them in as ${role} once they choose a password. It works once, until ${until}.`,
  sentAgain:
    'Nothing arrived? Ask them to look in their spam folder, or use “Renew invitation” on their row: the earlier link then stops working.',
  // The server sends no mail: the inviter passes the link on.
  linkTitle: 'Invitation ready',
  linkIntro: (name: string, email: string, role: string) =>
    `Send this link to ${name} (${email}). It signs them in as ${role} once they choose a password, and works only once.`,
  linkLabel: 'Invitation link',
  linkHint: (until: string) =>
    `This link is shown only now and works until ${until}. Lost it, or too late? Use “Renew invitation” on the agent’s row.`,
} as const;

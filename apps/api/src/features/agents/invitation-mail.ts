import type { Mail } from '@flc/mail';
import type { Role } from '@flc/protocol/resources';
import { escapeHtml, oneLine } from '../../lib/mail-html.ts';

// Every word of the invitation mail, together so they can be translated.
const ROLE_WORDS: Record<Role, string> = {
  owner: 'an owner',
  admin: 'an admin',
  agent: 'an agent',
};

/** The console's page that accepts an invitation (the same link the console shows without mail). */
export const acceptLink = (publicOrigin: string, token: string) =>
  `${publicOrigin}/accept-invite?token=${encodeURIComponent(token)}`;

/** "2030-01-08 12:00 UTC": one reading for every mail client, whatever its time zone. */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export interface InvitationMailInput {
  to: string;
  /** The name the invitee was invited with. */
  name: string;
  organizationName: string;
  inviterName: string;
  role: Role;
  link: string;
  expiresAt: string;
}

/** The invitation: who invites, to which organization and role, the link, and until when. */
export function invitationMail(input: InvitationMailInput): Mail {
  const organization = oneLine(input.organizationName);
  const inviter = oneLine(input.inviterName);
  const name = oneLine(input.name);
  const role = ROLE_WORDS[input.role];
  const until = utc(input.expiresAt);
  const text = [
    `Hello ${name},`,
    '',
    `${inviter} invited you to join ${organization} on Fast Light Chat as ${role}.`,
    'To accept, open this link and choose a password:',
    '',
    input.link,
    '',
    `The link works once, until ${until}.`,
    'If you did not expect this invitation, ignore this mail: nothing happens without you.',
  ].join('\n');
  const html = `<!doctype html>
<html lang="en"><body style="font-family: sans-serif; line-height: 1.5">
<p>Hello ${escapeHtml(name)},</p>
<p>${escapeHtml(inviter)} invited you to join <strong>${escapeHtml(organization)}</strong> on Fast Light Chat as ${role}.
To accept, open this link and choose a password:</p>
<p><a href="${escapeHtml(input.link)}">Join ${escapeHtml(organization)}</a></p>
<p>The link works once, until ${until}.
If you did not expect this invitation, ignore this mail: nothing happens without you.</p>
</body></html>`;
  return {
    to: input.to,
    subject: `You are invited to join ${organization} on Fast Light Chat`,
    text,
    html,
  };
}

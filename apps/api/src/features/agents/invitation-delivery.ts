import type { Mailer } from '@flc/mail';
import type { Invitation } from '@flc/protocol/resources';
import { type AgentRow, toAgent } from '../../domain/agent.ts';
import type { JobQueue } from '../../lib/job-queue.ts';
import { acceptLink, invitationMail } from './invitation-mail.ts';

/** How invitations reach the invitee when the host can send mail (`FLC_SMTP_URL`, …). */
export interface InvitationMail {
  mailer: Mailer;
  /** `FLC_PUBLIC_URL`'s origin: links point at the console there, never at a request's Host. */
  publicOrigin: string;
  /** Mail goes out after the answer, one at a time (see `JobQueue`). */
  jobs: JobQueue;
}

/** An invitation issued in a transaction, to deliver once that committed. */
export interface Issued {
  row: AgentRow;
  token: string;
  expiresAt: string;
  organizationName: string;
  inviterName: string;
}

/**
 * The answer to an invitation, once its transaction committed (a rolled-back one is never
 * mailed). With mail, the link is mailed after the answer and the token is not in it; without,
 * the answer carries the token for the inviter to pass on.
 */
export function deliverInvitation(mail: InvitationMail | undefined, issued: Issued): Invitation {
  const { row, token, expiresAt } = issued;
  const agent = toAgent(row);
  if (!mail) return { agent, delivery: 'link', inviteToken: token, expiresAt };
  const letter = invitationMail({
    to: row.email,
    name: row.name,
    role: row.role,
    organizationName: issued.organizationName,
    inviterName: issued.inviterName,
    link: acceptLink(mail.publicOrigin, token),
    expiresAt,
  });
  mail.jobs.push('invitation mail', () => mail.mailer.send(letter));
  return { agent, delivery: 'email', expiresAt };
}

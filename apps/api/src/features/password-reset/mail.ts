import type { Mail } from '@flc/mail';
import { escapeHtml } from '../../lib/mail-html.ts';

const minutes = (seconds: number) => {
  const m = Math.round(seconds / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
};

/** The reset mail: the link, how long it works, and what to do when it was not asked for. */
export function resetMail(input: {
  to: string;
  name: string;
  link: string;
  ttlSeconds: number;
}): Mail {
  const within = minutes(input.ttlSeconds);
  const text = [
    `Hello ${input.name},`,
    '',
    `Someone asked to reset the password of the Fast Light Chat account ${input.to}.`,
    `To choose a new password, open this link within ${within}:`,
    '',
    input.link,
    '',
    'The link works once. If you did not ask for it, ignore this mail: your password stays as it is.',
  ].join('\n');
  const html = `<!doctype html>
<html lang="en"><body style="font-family: sans-serif; line-height: 1.5">
<p>Hello ${escapeHtml(input.name)},</p>
<p>Someone asked to reset the password of the Fast Light Chat account ${escapeHtml(input.to)}.
To choose a new password, open this link within ${within}:</p>
<p><a href="${escapeHtml(input.link)}">Choose a new password</a></p>
<p>The link works once. If you did not ask for it, ignore this mail: your password stays as it is.</p>
</body></html>`;
  return { to: input.to, subject: 'Reset your Fast Light Chat password', text, html };
}

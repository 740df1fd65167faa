import type { Config } from '@flc/config';
import type { OutgoingMail } from '@flc/core';
import type { Transporter } from 'nodemailer';

/** One message (the port the reply mailers in `@flc/core` send through). */
export type Mail = OutgoingMail;

/** Sends the platform's mail: password reset links, invitations, replies to visitors. */
export interface Mailer {
  /** Resolves once the SMTP server took the message; rejects with its refusal. */
  send(mail: Mail): Promise<void>;
  close(): void;
}

export type MailConfig = Pick<Config, 'smtpUrl' | 'mailFrom'>;

/**
 * An SMTP mailer from `FLC_SMTP_URL` and `FLC_MAIL_FROM`, or undefined when mail is not
 * configured (the features that need it are then off). `smtp://` upgrades with STARTTLS whenever
 * the server offers it; `smtps://` is TLS from the first byte. Connections are pooled and reused.
 */
export function createMailer(config: MailConfig): Mailer | undefined {
  if (!config.smtpUrl || !config.mailFrom) return undefined;
  return smtpMailer(config.smtpUrl, config.mailFrom);
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const url = new URL(smtpUrl);
  // nodemailer is loaded at the first send: a process that never mails does not carry it.
  let transport: Promise<Transporter> | undefined;
  const connect = () =>
    import('nodemailer').then(({ createTransport }) =>
      createTransport({
        host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
        secure: url.protocol === 'smtps:',
        auth: url.username
          ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
          : undefined,
        pool: true,
        maxConnections: 2,
        // A stuck server must not hold a send for nodemailer's default minutes.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
        // Nothing of a message (addresses, links, bodies) goes to the process's output.
        logger: false,
        debug: false,
      }),
    );
  return {
    async send(mail) {
      const { fromName, references, ...rest } = mail;
      transport ??= connect();
      await (await transport).sendMail({
        ...rest,
        from: fromName ? { name: fromName, address: addressOf(from) } : from,
        ...(references && references.length > 0
          ? { references, inReplyTo: references.at(-1) }
          : {}),
      });
    },
    close() {
      void transport?.then((t) => t.close());
    },
  };
}

/** The address of `Name <address>` or of a bare address. */
export const addressOf = (mailbox: string): string =>
  /<([^<>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox.trim();

/** What the start-up lines say about mail: the server, never its user or password. */
export function describeMail(config: MailConfig): string {
  if (!config.smtpUrl)
    return 'mail: off (no FLC_SMTP_URL), so no password reset by email, and invitation links go to the inviter';
  const url = new URL(config.smtpUrl);
  return `mail: through ${url.protocol}//${url.host} as ${config.mailFrom}`;
}

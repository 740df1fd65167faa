export { createMailer, type Mail, type MailConfig, type Mailer, smtpMailer } from './mailer.ts';

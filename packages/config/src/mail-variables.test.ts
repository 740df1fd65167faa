import { describe, expect, test } from 'bun:test';
import { ConfigError, loadConfig } from './index.ts';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('mail variables', () => {
  test('unset: no mail, and nothing else needed', () => {
    const config = loadConfig({});
    expect(config.smtpUrl).toBeUndefined();
    expect(config.passwordResetTtl).toBe(1800);
  });

  test('an SMTP server needs a sender and the public URL of the console', () => {
    expect(problems({ FLC_SMTP_URL: 'smtp://mail.example.com:587' })).toEqual([
      'FLC_MAIL_FROM is required with FLC_SMTP_URL',
      'FLC_PUBLIC_URL is required with FLC_SMTP_URL',
    ]);
    const config = loadConfig({
      FLC_SMTP_URL: 'smtps://user:p%40ss@mail.example.com:465',
      FLC_MAIL_FROM: 'Acme Support <support@acme.test>',
      FLC_PUBLIC_URL: 'https://chat.acme.test/',
    });
    expect(config.publicUrl).toBe('https://chat.acme.test/');
    expect(config.mailFrom).toBe('Acme Support <support@acme.test>');
  });

  test('bad values are named, and a bad SMTP URL is not echoed (it may hold a password)', () => {
    const found = problems({
      FLC_SMTP_URL: 'http://user:hunter2@mail.example.com',
      FLC_MAIL_FROM: 'not an address',
      FLC_PUBLIC_URL: 'ftp://chat.example.com',
    });
    expect(found).toHaveLength(3);
    expect(found.join('\n')).not.toContain('hunter2');
    expect(found[0]).toStartWith('FLC_SMTP_URL must be smtp://');
    expect(found[1]).toStartWith('FLC_MAIL_FROM must be an address');
    expect(found[2]).toStartWith('FLC_PUBLIC_URL must start with http:// or https://');
  });
});

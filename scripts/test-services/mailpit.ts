import { httpOk } from './probes.ts';
import { cachedBinary, freePort, runServer, type ServiceSpec, tempDir } from './server.ts';

/**
 * Mailpit: a real SMTP server that keeps what it receives and shows it over an HTTP API
 * (`TEST_MAILPIT_API`), so suites read the mail the platform sent. It takes any user and password
 * over plain SMTP, so the platform's SMTP authentication runs too.
 */
export const mailpit: ServiceSpec<Record<'TEST_SMTP_URL' | 'TEST_MAILPIT_API', string>> = {
  variable: 'TEST_SMTP_URL',
  label: 'Mailpit (SMTP)',
  async start(teardown) {
    const bin = cachedBinary('mailpit');
    const dir = tempDir(teardown, 'mailpit');
    const smtpPort = freePort();
    const httpPort = freePort();
    await runServer(teardown, {
      label: 'Mailpit',
      command: [
        bin,
        `--smtp=127.0.0.1:${smtpPort}`,
        `--listen=127.0.0.1:${httpPort}`,
        `--database=${dir}/mailpit.db`,
        '--smtp-auth-accept-any',
        '--smtp-auth-allow-insecure',
        '--disable-version-check',
        '--quiet',
      ],
      dir,
      stopSignal: 'SIGTERM',
      ready: () => httpOk(`http://127.0.0.1:${httpPort}/readyz`),
    });
    return {
      TEST_SMTP_URL: `smtp://flc-test:flc-test-password@127.0.0.1:${smtpPort}`,
      TEST_MAILPIT_API: `http://127.0.0.1:${httpPort}`,
    };
  },
};

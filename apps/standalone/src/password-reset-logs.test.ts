import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloseCode } from '@flc/protocol';
import {
  awaitMail,
  freePort,
  type Owner,
  restClient,
  type Started,
  signUp,
  startProcess,
  TestClient,
  testMailServer,
} from '@flc/testkit';

// What `bun start` prints while an agent resets its password and another is invited by mail:
// the tokens, their hashes, the new password and the mails' words must not be among it.
const mail = testMailServer();
const NEW_PASSWORD = 'a secret new passphrase';

describe.if(Boolean(mail))('password reset in the standalone process', () => {
  const dataDir = join(tmpdir(), `flc-reset-logs-${crypto.randomUUID()}`);
  const port = freePort();
  const origin = `http://127.0.0.1:${port}`;
  let standalone: Started;
  beforeAll(async () => {
    standalone = await startProcess(
      ['bun', join(import.meta.dir, 'main.ts')],
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        FLC_DATA_DIR: dataDir,
        FLC_LOG_LEVEL: 'debug',
        FLC_SMTP_URL: mail?.smtpUrl ?? '',
        FLC_MAIL_FROM: 'no-reply@example.test',
        FLC_PUBLIC_URL: origin,
      },
      /Fast Light Chat is running at/,
      60_000,
    );
  }, 90_000);
  afterAll(async () => {
    await standalone?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('ends the open sockets, and prints neither the token nor the password nor the mail', async () => {
    const rest = restClient(() => origin);
    const owner: Owner = await signUp(rest, 'Quiet Logs');
    expect(standalone.output()).toContain('mail: through smtp://127.0.0.1:');
    expect(standalone.output()).not.toContain('flc-test-password'); // the SMTP password
    const socket = await TestClient.connect(
      `${origin.replace('http', 'ws')}/v1/ws?token=${owner.accessToken}`,
    );
    await socket.next('ready');

    expect((await rest('POST', '/v1/auth/password-reset', { email: owner.email })).status).toBe(
      202,
    );
    const received = await awaitMail(mail?.api ?? '', owner.email);
    const token = received.Text.match(/#token=([\w-]+)/)?.[1] ?? '';
    expect(token.length).toBe(43); // 32 random bytes, base64url
    const refused = await rest('POST', '/v1/auth/password-reset/confirm', {
      token,
      password: 'short',
    });
    expect(refused.status).toBe(422);
    const done = await rest('POST', '/v1/auth/password-reset/confirm', {
      token,
      password: NEW_PASSWORD,
    });
    expect(done.status).toBe(204);
    const used = await rest('POST', '/v1/auth/password-reset/confirm', {
      token,
      password: NEW_PASSWORD,
    });
    expect(used.status).toBe(400);
    expect(await socket.waitClose()).toEqual({
      code: CloseCode.unauthorized,
      reason: 'access revoked',
    });
    const login = await rest('POST', '/v1/auth/login', {
      email: owner.email,
      password: NEW_PASSWORD,
    });
    expect(login.status).toBe(200);

    // An invitation travels by mail; its token is only in the mail.
    const invitee = `invitee-${crypto.randomUUID()}@example.com`;
    const invited = await rest(
      'POST',
      '/v1/agents',
      { email: invitee, name: 'Ivo', role: 'agent' },
      { authorization: `Bearer ${login.body.accessToken}` },
    );
    expect(invited.status).toBe(201);
    expect(invited.body.delivery).toBe('email');
    const invitation = await awaitMail(mail?.api ?? '', invitee);
    const inviteToken = invitation.Text.match(/\?token=(flc_inv_[\w-]+)/)?.[1] ?? '';
    expect(inviteToken).toStartWith('flc_inv_');
    const joined = await rest('POST', '/v1/auth/accept-invite', {
      token: inviteToken,
      password: NEW_PASSWORD,
    });
    expect(joined.status).toBe(200);

    expect(await standalone.stop()).toBe(0); // everything it had to say is out
    const output = standalone.output();
    expect(output).toContain('Stopping…');
    const sha256 = (text: string) => new Bun.CryptoHasher('sha256').update(text).digest('hex');
    for (const secret of [
      token,
      sha256(token),
      NEW_PASSWORD,
      received.Subject,
      'Someone asked',
      inviteToken,
      sha256(inviteToken),
      invitation.Subject,
      invitee,
    ]) {
      expect({ secret, logged: output.includes(secret) }).toEqual({ secret, logged: false });
    }
  });
});

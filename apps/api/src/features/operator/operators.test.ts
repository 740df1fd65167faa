import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@flc/storage/postgres';
import { createTestDatabase, type DatabaseTarget, serviceUrl } from '@flc/storage/testing';
import { bootVisitor, chatTenant } from '@flc/testkit';
import { generate } from 'otplib';
import { createTestApi, databaseTargets, type TestApi } from '../../testing/harness.ts';
import { ensureConfiguredOperator, saveOperator } from './accounts.ts';
import { OPERATOR_PASSWORD, signedInOperator } from './testing.ts';

const root = join(import.meta.dir, '../../../../..');
const codeAt = (secret: string, steps = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

/** `bun run operator:create` against a database, the password on stdin. */
async function operatorCreate(env: Record<string, string>, args: string[], password: string) {
  const child = Bun.spawn(['bun', 'run', 'operator:create', ...args, '--password-stdin'], {
    cwd: root,
    env: { ...process.env, ...env, NODE_ENV: 'test' },
    stdin: new TextEncoder().encode(`${password}\n`),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { code, output: out + err };
}

/** A database the CLI (another process) and then the API in this process open in turn. */
async function sharedDatabase(kind: 'pglite' | 'postgres'): Promise<{
  env: Record<string, string>;
  target: DatabaseTarget;
  cleanup: () => unknown;
}> {
  if (kind === 'pglite') {
    const dataDir = join(tmpdir(), `flc-operator-cli-${crypto.randomUUID()}`);
    return {
      env: { FLC_DATA_DIR: dataDir },
      target: { name: 'pglite', open: () => openDatabase({ dataDir }) } as DatabaseTarget,
      cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const fresh = await createTestDatabase(serviceUrl('postgres') ?? '', 'flc_operator_cli');
  return {
    env: { DATABASE_URL: fresh.url },
    target: {
      name: 'postgres',
      open: () => openDatabase({ databaseUrl: fresh.url, max: 5 }),
    } as DatabaseTarget,
    cleanup: () => fresh.drop(),
  };
}

for (const target of databaseTargets()) {
  describe(`operator accounts on ${target.name}`, () => {
    test('the CLI creates an operator, refuses a weak password and never prints one', async () => {
      const shared = await sharedDatabase(target.name);
      try {
        const email = `cli-${crypto.randomUUID()}@example.com`;
        const weak = await operatorCreate(shared.env, ['--email', email], 'password');
        expect(weak.code).toBe(1);
        expect(weak.output).toContain('too common');
        const made = await operatorCreate(shared.env, ['--email', email], OPERATOR_PASSWORD);
        expect({ code: made.code, output: made.output }).toMatchObject({
          code: 0,
          output: expect.stringContaining(`Created operator ${email}`),
        });
        expect(made.output).not.toContain(OPERATOR_PASSWORD);

        const api = await createTestApi(shared.target);
        try {
          const res = await api.call('POST', '/v1/operator/session', {
            body: { email, password: OPERATOR_PASSWORD },
          });
          expect(res.status).toBe(200);
          expect(res.body.operator).toMatchObject({ email, twoFactorEnabled: false });
          const me = await api.call('GET', '/v1/operator/me', { token: res.body.accessToken });
          expect(me.body.email).toBe(email);
          const wrong = await api.call('POST', '/v1/operator/session', {
            body: { email, password: 'not the password at all' },
          });
          expect(wrong.status).toBe(401);
        } finally {
          await api.close();
        }
      } finally {
        await shared.cleanup();
      }
    }, 60_000);
  });

  describe(`operator sign-in on ${target.name}`, () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await createTestApi(target);
    }, 60_000);
    afterAll(() => api.close());

    test('two-factor: enrolled, sign-in needs a code, each code works once', async () => {
      const op = await signedInOperator(api);
      const token = op.token;
      const start = await api.call('POST', '/v1/operator/two-factor', { token });
      expect(start.status).toBe(200);
      const { secret } = start.body;
      const bad = await api.call('POST', '/v1/operator/two-factor/confirm', {
        token,
        body: { code: (await codeAt(secret)) === '000000' ? '111111' : '000000' },
      });
      expect(bad.status).toBe(422);
      const ok = await api.call('POST', '/v1/operator/two-factor/confirm', {
        token,
        body: { code: await codeAt(secret) },
      });
      expect(ok.status).toBe(204);
      expect((await api.call('GET', '/v1/operator/two-factor', { token })).body.enabled).toBe(true);

      const body = { email: op.email, password: OPERATOR_PASSWORD };
      const noCode = await api.call('POST', '/v1/operator/session', { body });
      expect(noCode.status).toBe(401);
      expect(noCode.body.error.code).toBe('two_factor_required');
      // The step of the enrolment's code is spent: the next step's code signs in, once.
      const code = await codeAt(secret, 1);
      const withCode = await api.call('POST', '/v1/operator/session', { body: { ...body, code } });
      expect(withCode.status).toBe(200);
      expect(withCode.body.operator.twoFactorEnabled).toBe(true);
      const again = await api.call('POST', '/v1/operator/session', { body: { ...body, code } });
      expect(again.status).toBe(401);

      // A reset with the CLI ends the tokens issued before it, and can turn two-factor off.
      await saveOperator(
        api.deps.db.sql,
        { email: op.email, password: OPERATOR_PASSWORD, resetTwoFactor: true },
        { operator: { id: null, email: op.email }, origin: { ip: null, userAgent: 'test' } },
      );
      const old = await api.call('GET', '/v1/operator/me', { token: withCode.body.accessToken });
      expect(old.status).toBe(401);
      const fresh = await api.call('POST', '/v1/operator/session', { body });
      expect(fresh.status).toBe(200);
      const [events] = await api.deps.db.sql<{ actions: string[] }[]>`
        select array_agg(action order by occurred_at, id) as actions from operator_events
        where operator_email = ${op.email}`;
      expect(events?.actions).toEqual([
        'operator.created',
        'operator.signed_in',
        'operator.two_factor.enabled',
        'operator.signed_in',
        'operator.sign_in_failed',
        'operator.reset',
        'operator.signed_in',
      ]);
    });

    test('an agent token is refused on /v1/operator; an operator token on agent paths', async () => {
      const op = await signedInOperator(api);
      const tenant = await chatTenant(api.rest, { name: 'Both Ways Co' });
      const visitor = await bootVisitor(api.rest, tenant);
      for (const token of [tenant.owner.accessToken, visitor.sessionToken]) {
        for (const path of [
          '/v1/operator/tenants',
          '/v1/operator/me',
          '/v1/operator/events',
          '/v1/operator/signup-policy',
        ]) {
          const res = await api.call('GET', path, { token });
          expect({ path, status: res.status }).toEqual({ path, status: 401 });
        }
      }
      const keyed = await api.call('GET', '/v1/operator/tenants', { headers: tenant.keyHeaders });
      expect(keyed.status).toBe(401);
      for (const path of ['/v1/me', '/v1/agents', '/v1/conversations', '/v1/organization']) {
        const res = await api.call('GET', path, { token: op.token });
        expect({ path, status: res.status }).toEqual({ path, status: 401 });
      }
      const widget = await api.call('GET', '/v1/widget/conversations', { token: op.token });
      expect(widget.status).toBe(401);
      // The operator's own token works where it belongs.
      expect((await api.call('GET', '/v1/operator/tenants', { token: op.token })).status).toBe(200);
    });
  });
}

describe('the operator of FLC_OPERATOR_EMAIL', () => {
  test('is created once from its password file; a weak password stops the start', async () => {
    const api = await createTestApi(databaseTargets()[0] as DatabaseTarget);
    const file = join(tmpdir(), `flc-operator-password-${crypto.randomUUID()}`);
    try {
      const email = 'Start@Example.com';
      const config = { operatorEmail: email, operatorPasswordFile: file };
      await Bun.write(file, 'password\n');
      await expect(ensureConfiguredOperator(api.deps.db.sql, config)).rejects.toThrow(
        'FLC_OPERATOR_PASSWORD_FILE: its password is refused: This password is too common',
      );
      await Bun.write(file, `${OPERATOR_PASSWORD}\nignored second line\n`);
      expect(await ensureConfiguredOperator(api.deps.db.sql, config)).toBe('created');
      // A restart leaves it as it is (a reset made with the CLI stays).
      await Bun.write(file, 'another horse battery staple\n');
      expect(await ensureConfiguredOperator(api.deps.db.sql, config)).toBe('exists');
      const res = await api.call('POST', '/v1/operator/session', {
        body: { email: 'start@example.com', password: OPERATOR_PASSWORD },
      });
      expect(res.status).toBe(200);
      expect(await ensureConfiguredOperator(api.deps.db.sql, {})).toBe('none');
    } finally {
      rmSync(file, { force: true });
      await api.close();
    }
  }, 30_000);
});

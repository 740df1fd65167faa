import { expect, test } from 'bun:test';
import { SignJWT } from 'jose';
import type { DirectoryAgent, PrincipalDirectory } from './principal-directory.ts';
import { checkPrincipal } from './principals.ts';

const secret = 'core-test-secret';
const key = new TextEncoder().encode(secret);
const exp = () => Math.floor(Date.now() / 1000) + 60;
const agentToken = (claims: Record<string, unknown>, iat?: number) => {
  const jwt = new SignJWT({ sub: 'ann', org: 'o', typ: 'agent', exp: exp(), ...claims });
  return jwt
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(iat ?? Math.floor(Date.now() / 1000))
    .sign(key);
};
const directoryWith = (agent: DirectoryAgent): PrincipalDirectory => ({
  activeAgent: async (id) => (id === agent.id ? agent : null),
  contact: async () => null,
  agentAway: async () => false,
});

test("an agent's tokens issued before its sessions were revoked are gone; later ones pass", async () => {
  const revokedAt = Date.now();
  const directory = directoryWith({
    id: 'ann',
    organizationId: 'o',
    name: 'Ann',
    role: 'agent',
    sessionsRevokedAt: revokedAt,
  });
  const check = async (token: Promise<string>) =>
    (await checkPrincipal(secret, directory, await token, 'agent')).ok;
  // By the ms issue time when the token has one: exact, even within the same second.
  expect(await check(agentToken({ iam: revokedAt - 1 }))).toBe(false);
  expect(await check(agentToken({ iam: revokedAt }))).toBe(true);
  // Else by `iat`, in seconds.
  expect(await check(agentToken({}, Math.floor(revokedAt / 1000) - 5))).toBe(false);
  expect(await check(agentToken({}, Math.ceil(revokedAt / 1000) + 1))).toBe(true);
  const result = await checkPrincipal(secret, directory, await agentToken({ iam: revokedAt - 1 }));
  expect(result).toEqual({ ok: false, reason: 'gone' });
});

test('an agent whose sessions were never revoked passes with any issue time', async () => {
  const directory = directoryWith({ id: 'ann', organizationId: 'o', name: 'Ann', role: 'agent' });
  const token = await agentToken({ iam: 0 }, 1);
  expect((await checkPrincipal(secret, directory, token, 'agent')).ok).toBe(true);
});

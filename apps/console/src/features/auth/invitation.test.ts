import { expect, test } from 'bun:test';
import type { InvitationPreview } from '@flc/protocol/resources';
import { QueryClient } from '@tanstack/react-query';
import { Api, ApiError } from '../../lib/api.ts';
import { SessionStore } from '../../lib/session.ts';
import { invitationQuery } from './api/get-invitation.ts';
import { invitationState, joinTitle, validityNote } from './invitation.ts';

const invitation: InvitationPreview = {
  organization: { name: 'Acme Support' },
  email: 'bob@example.com',
  name: 'Bob',
  role: 'admin',
  expiresAt: '2030-01-08T12:00:00.000Z',
};

test('the accept page knows a dead link before anyone types', () => {
  const base = { token: 'flc_inv_x', data: undefined, error: null };
  expect(invitationState({ ...base, token: '' })).toEqual({ kind: 'missing' });
  expect(invitationState(base)).toEqual({ kind: 'checking' });
  expect(invitationState({ ...base, data: invitation })).toEqual({ kind: 'live', invitation });
  const gone = new ApiError(404, 'not_found', 'Invitation not found');
  expect(invitationState({ ...base, error: gone })).toEqual({ kind: 'dead' });
  const offline = new TypeError('Failed to fetch');
  expect(invitationState({ ...base, error: offline })).toEqual({
    kind: 'unreachable',
    error: offline,
  });
  const down = new ApiError(500, 'internal', 'Something went wrong');
  expect(invitationState({ ...base, error: down }).kind).toBe('unreachable');
  // Spent between the preview and the submit (another tab): dead too.
  const spent = new ApiError(401, 'unauthorized', 'This invitation is invalid, used or expired');
  expect(invitationState({ ...base, data: invitation, acceptError: spent })).toEqual({
    kind: 'dead',
  });
  // The email joined another organization since it was invited: said to the invitee only.
  const taken = new ApiError(409, 'email_in_use', 'This email address already belongs to …');
  expect(invitationState({ ...base, data: invitation, acceptError: taken })).toEqual({
    kind: 'email_in_use',
    invitation,
  });
  const weak = new ApiError(422, 'validation', 'The request is invalid');
  expect(invitationState({ ...base, data: invitation, acceptError: weak }).kind).toBe('live');
});

test('the title names the organization and the role', () => {
  expect(joinTitle(invitation)).toBe('Join Acme Support as an admin');
  expect(joinTitle({ ...invitation, role: 'agent' })).toBe('Join Acme Support as an agent');
  expect(joinTitle({ ...invitation, role: 'owner' })).toBe('Join Acme Support as an owner');
});

test('the validity note counts days, then hours, then says it is nearly over', () => {
  const now = Date.parse('2030-01-01T12:00:00.000Z');
  expect(validityNote(invitation.expiresAt, now)).toBe('This link works for 7 more days.');
  expect(validityNote(invitation.expiresAt, now + 5_000)).toBe('This link works for 7 more days.');
  expect(validityNote('2030-01-02T15:00:00.000Z', now)).toBe('This link works for 27 more hours.');
  expect(validityNote('2030-01-01T12:30:00.000Z', now)).toBe(
    'This link works for a few more minutes only.',
  );
});

test('the preview is asked anonymously, by the token, and a 404 lands in the cache as an error', async () => {
  const seen: { url: string; auth: string | null }[] = [];
  const data = new Map<string, string>();
  const session = new SessionStore({
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  });
  session.set({ accessToken: 'someone-else', refreshToken: 'r' });
  const api = new Api(session, '', async (url, init) => {
    seen.push({ url, auth: new Headers(init.headers).get('authorization') });
    return url.endsWith('/live%2Btoken')
      ? Response.json(invitation)
      : Response.json(
          { error: { code: 'not_found', message: 'Invitation not found' } },
          {
            status: 404,
          },
        );
  });
  const client = new QueryClient();
  expect(await client.fetchQuery(invitationQuery(api, 'live+token'))).toEqual(invitation);
  const dead = await client.fetchQuery(invitationQuery(api, 'dead')).catch((e: unknown) => e);
  expect(dead).toBeInstanceOf(ApiError);
  expect((dead as ApiError).status).toBe(404);
  expect(seen).toEqual([
    { url: '/v1/auth/invitations/live%2Btoken', auth: null },
    { url: '/v1/auth/invitations/dead', auth: null },
  ]);
  client.clear();
});

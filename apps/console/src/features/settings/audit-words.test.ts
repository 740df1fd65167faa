import { expect, test } from 'bun:test';
import type { AuditEvent } from '@flc/protocol/resources';
import { actionWords, targetWords } from './audit-words.ts';

const event = (action: string, details: Record<string, unknown>): AuditEvent => ({
  id: '0190a000-0000-7000-8000-000000000000',
  occurredAt: '2026-01-01T00:00:00.000Z',
  actor: { kind: 'agent', id: null, label: 'Ada' },
  action,
  target: { type: 'agent', id: '0190a000-0000-7000-8000-000000000001' },
  ip: null,
  userAgent: null,
  details,
});

test('known actions read as words; a new one reads as its spaced name', () => {
  expect(actionWords('api_key.created')).toBe('Created an API key');
  expect(actionWords('label.deleted')).toBe('Deleted a label');
  expect(actionWords('auth.totp.enabled')).toBe('Auth totp enabled');
});

test('targets by the name they had; a role change and a failed sign-in say what happened', () => {
  expect(targetWords(event('api_key.created', { name: 'CRM' }))).toBe('CRM');
  expect(
    targetWords(
      event('agent.role_changed', { name: 'Bob', role: { before: 'agent', after: 'admin' } }),
    ),
  ).toBe('Bob agent → admin');
  expect(
    targetWords(event('auth.login.failed', { email: 'bob@example.com', reason: 'wrong_password' })),
  ).toBe('bob@example.com (wrong password)');
  expect(targetWords({ ...event('x.y', {}), target: null })).toBe('—');
  expect(
    targetWords(event('organization.plan_changed', { before: null, after: 'team', overrides: {} })),
  ).toBe('— → team');
  expect(targetWords(event('agent.invited', { name: 'Bob', delivery: 'email' }))).toBe(
    'Bob (mailed)',
  );
  expect(targetWords(event('agent.reinvited', { name: 'Bob', delivery: 'link' }))).toBe(
    'Bob (link shown to the inviter)',
  );
  // Entries from before invitations were mailed have no delivery.
  expect(targetWords(event('agent.invited', { name: 'Bob', role: 'agent' }))).toBe('Bob');
  expect(targetWords(event('label.updated', { name: 'Bug report', previousName: 'bug' }))).toBe(
    'bug → Bug report',
  );
});

test('a canned response by its shortcut; a personal one only as personal', () => {
  const canned = (details: Record<string, unknown>) => ({
    ...event('canned_response.created', details),
    target: { type: 'canned_response', id: '0190a000-0000-7000-8000-000000000002' },
  });
  expect(actionWords('canned_response.updated')).toBe('Changed a canned response');
  expect(targetWords(canned({ scope: 'organization', shortcut: 'refund', title: 'T' }))).toBe(
    '/refund',
  );
  expect(targetWords(canned({ scope: 'personal' }))).toBe('a personal response');
});

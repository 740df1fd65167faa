import { describe, expect, test } from 'bun:test';
import type { Conversation } from '@flc/protocol/resources';
import { QueryClient } from '@tanstack/react-query';
import {
  applyConversation,
  conversationKeys,
  tallyConversation,
  tallyOf,
  type UnreadTally,
  unreadTotal,
} from '../../lib/conversations.ts';
import { pageTitle, unreadBadge } from './unread.ts';

const conversation = (id: string, over: Partial<Conversation> = {}): Conversation => ({
  id,
  status: 'open',
  assigneeId: null,
  teamId: null,
  contact: { id: `contact-${id}` },
  lastMessage: null,
  unread: 0,
  environmentId: 'e1',
  lastSeq: 3,
  lastActivityAt: '2030-01-01T00:00:00.000Z',
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  snoozedUntil: null,
  visitorReadSeq: 0,
  labelIds: [],
  ...over,
});

describe('page title and badge', () => {
  test('the count first, none at 0, 99+ beyond', () => {
    expect(pageTitle(3, 'Inbox')).toBe('(3) Inbox — Fast Light Chat');
    expect(pageTitle(0, 'Inbox')).toBe('Inbox — Fast Light Chat');
    expect(pageTitle(120, 'Settings')).toBe('(99+) Settings — Fast Light Chat');
    expect(pageTitle(1, null)).toBe('(1) Fast Light Chat');
    expect([unreadBadge(0), unreadBadge(7), unreadBadge(100)]).toEqual([null, '7', '99+']);
  });
});

describe('unread tally', () => {
  test('open conversations with unread messages add up; the rest are out', () => {
    const tally = tallyOf([
      conversation('a', { unread: 2 }),
      conversation('b', { unread: 0 }),
      conversation('c', { unread: 5, status: 'snoozed' }),
      conversation('d', { unread: 1 }),
    ]);
    expect(tally).toEqual({ a: 2, d: 1 });
    expect(unreadTotal(tally)).toBe(3);
    expect(unreadTotal(undefined)).toBe(0);
  });

  test('an event moves one entry; the same state keeps the same object', () => {
    const tally: UnreadTally = { a: 2 };
    expect(tallyConversation(tally, { id: 'a', status: 'open', unread: 2 })).toBe(tally);
    expect(tallyConversation(tally, { id: 'b', status: 'closed', unread: 4 })).toBe(tally);
    expect(tallyConversation(tally, { id: 'a', status: 'open', unread: 3 })).toEqual({ a: 3 });
    expect(tallyConversation(tally, { id: 'b', status: 'open', unread: 1 })).toEqual({
      a: 2,
      b: 1,
    });
    // Read, snoozed or closed: out of the total.
    for (const change of [
      { status: 'open' as const, unread: 0 },
      { status: 'snoozed' as const, unread: 2 },
      { status: 'closed' as const, unread: 2 },
    ]) {
      expect(tallyConversation(tally, { id: 'a', ...change })).toEqual({});
    }
    expect(tally).toEqual({ a: 2 }); // never mutated
  });

  test('every change the console applies to a conversation reaches the cached tally', () => {
    const client = new QueryClient();
    client.setQueryData<UnreadTally>(conversationKeys.unreadTally(), { a: 2, b: 1 });
    applyConversation(client, conversation('a', { unread: 0 }), null);
    applyConversation(client, conversation('c', { unread: 4 }), null);
    applyConversation(client, conversation('b', { status: 'snoozed', unread: 1 }), null);
    expect(client.getQueryData(conversationKeys.unreadTally())).toEqual({ c: 4 });
    // Not fetched yet: nothing is made up.
    const fresh = new QueryClient();
    applyConversation(fresh, conversation('a', { unread: 2 }), null);
    expect(fresh.getQueryData(conversationKeys.unreadTally())).toBeUndefined();
  });
});

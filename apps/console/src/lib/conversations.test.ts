import { describe, expect, test } from 'bun:test';
import type { Conversation, Page } from '@flc/protocol/resources';
import { QueryClient } from '@tanstack/react-query';
import {
  applyInboxEvent,
  type ConversationFilters,
  type ConversationPages,
  conversationKeys,
  flattenPages,
  listQuery,
  markReadInCache,
  matchesFilters,
  placeInPages,
  previewText,
  restoreConversations,
  snapshotConversations,
} from './conversations.ts';

const ME = 'agent-me';
const open: ConversationFilters = {
  status: 'open',
  assignee: 'all',
  environmentId: null,
  labelId: null,
};
const mine: ConversationFilters = { ...open, assignee: 'me' };
const closed: ConversationFilters = { ...open, status: 'closed' };

function conv(id: string, minute: number, extra: Partial<Conversation> = {}): Conversation {
  const at = new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString();
  return {
    id,
    status: 'open',
    assigneeId: null,
    teamId: null,
    contact: { id: `contact-${id}`, name: `Visitor ${id}` },
    lastMessage: {
      seq: minute,
      body: `hi ${id}`,
      sender: { type: 'visitor', id: `contact-${id}` },
      createdAt: at,
    },
    unread: 0,
    environmentId: 'env-1',
    lastSeq: minute,
    lastActivityAt: at,
    snoozedUntil: null,
    visitorReadSeq: 0,
    labelIds: [],
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

const pages = (...ps: Page<Conversation>[]): ConversationPages => ({
  pages: ps,
  pageParams: ps.map((_, i) => (i === 0 ? null : `cursor-${i}`)),
});

const ids = (data: ConversationPages | undefined) => flattenPages(data).map((c) => c.id);

function seeded(filters: ConversationFilters, data: ConversationPages): QueryClient {
  const client = new QueryClient();
  client.setQueryData(conversationKeys.list(filters), data);
  return client;
}

const noFetch = () => Promise.reject(new Error('should not fetch'));

describe('query keys', () => {
  test('every list sits under the lists key, and lists under all', () => {
    const key = conversationKeys.list(open);
    expect(key.slice(0, 2)).toEqual([...conversationKeys.lists()]);
    expect(conversationKeys.lists()[0]).toBe(conversationKeys.all[0]);
    expect(conversationKeys.detail('c1')).toEqual(['conversations', 'detail', 'c1']);
    expect(conversationKeys.byContact('k1')).toEqual(['conversations', 'contact', 'k1']);
  });

  test('the list query string leaves out "all" and a missing environment', () => {
    expect(listQuery(open, null)).toEqual({
      status: 'open',
      assignee: undefined,
      environmentId: undefined,
      label: undefined,
      cursor: undefined,
      limit: 25,
    });
    expect(listQuery({ ...open, labelId: 'l-1' }, null)).toMatchObject({ label: 'l-1' });
    expect(listQuery({ ...mine, environmentId: 'env-2' }, 'abc', 10)).toMatchObject({
      assignee: 'me',
      environmentId: 'env-2',
      cursor: 'abc',
      limit: 10,
    });
  });
});

describe('filters', () => {
  test('status, assignee, environment and label each exclude', () => {
    const c = conv('a', 1, { assigneeId: ME });
    expect(matchesFilters(c, open, ME)).toBe(true);
    expect(matchesFilters(c, mine, ME)).toBe(true);
    expect(matchesFilters(c, mine, 'someone-else')).toBe(false);
    expect(matchesFilters(c, { ...open, assignee: 'none' }, ME)).toBe(false);
    expect(matchesFilters(c, closed, ME)).toBe(false);
    expect(matchesFilters(c, { ...open, environmentId: 'env-2' }, ME)).toBe(false);
    expect(matchesFilters(c, { ...open, labelId: 'vip' }, ME)).toBe(false);
    const labelled = conv('b', 1, { labelIds: ['billing', 'vip'] });
    expect(matchesFilters(labelled, { ...open, labelId: 'vip' }, ME)).toBe(true);
  });
});

describe('placeInPages', () => {
  test('a newer conversation goes to the top, and a moved one leaves its old place', () => {
    const data = pages(
      { items: [conv('c', 3), conv('b', 2)], nextCursor: 'x' },
      { items: [conv('a', 1)], nextCursor: null },
    );
    const moved = placeInPages(data, conv('a', 9), open, ME);
    expect(ids(moved)).toEqual(['a', 'c', 'b']);
    expect(moved.pages[1]?.items).toEqual([]);
  });

  test('an older one is placed in order; past the loaded pages it waits for pagination', () => {
    const data = pages({ items: [conv('c', 5), conv('a', 1)], nextCursor: 'x' });
    expect(ids(placeInPages(data, conv('b', 3), open, ME))).toEqual(['c', 'b', 'a']);
    expect(ids(placeInPages(data, conv('z', 0), open, ME))).toEqual(['c', 'a']);
    const whole = pages({ items: [conv('c', 5)], nextCursor: null });
    expect(ids(placeInPages(whole, conv('z', 0), open, ME))).toEqual(['c', 'z']);
  });

  test('one that no longer matches is removed', () => {
    const data = pages({ items: [conv('b', 2), conv('a', 1)], nextCursor: null });
    expect(ids(placeInPages(data, conv('a', 1, { status: 'closed' }), open, ME))).toEqual(['b']);
  });

  test('flattening drops a conversation seen twice across pages', () => {
    const data = pages(
      { items: [conv('b', 2)], nextCursor: 'x' },
      { items: [conv('b', 2), conv('a', 1)], nextCursor: null },
    );
    expect(ids(data)).toEqual(['b', 'a']);
  });
});

describe('applyInboxEvent', () => {
  test('a message moves a known conversation to the top with its unread count', async () => {
    const client = seeded(
      open,
      pages({ items: [conv('b', 2), conv('a', 1, { unread: 0 })], nextCursor: null }),
    );
    const newer = conv('a', 7, { unread: 3 });
    await applyInboxEvent(
      client,
      { event: 'message', conversation: newer },
      { meId: ME, fetchConversation: noFetch },
    );
    const list = flattenPages(client.getQueryData(conversationKeys.list(open)));
    expect(list.map((c) => c.id)).toEqual(['a', 'b']);
    expect(list[0]).toMatchObject({ unread: 3, lastSeq: 7, lastMessage: { body: 'hi a' } });
    expect(list[0]?.lastActivityAt).toBe(newer.lastActivityAt);
  });

  test('the last message edited or deleted: its new text shows, the order stays', async () => {
    const client = seeded(open, pages({ items: [conv('b', 2), conv('a', 1)], nextCursor: null }));
    const a = conv('a', 1);
    for (const body of ['hi a (edited)', '']) {
      const lastMessage = a.lastMessage && { ...a.lastMessage, body };
      await applyInboxEvent(
        client,
        { event: 'updated', conversation: { ...a, lastMessage } },
        { meId: ME, fetchConversation: noFetch },
      );
      const list = flattenPages(client.getQueryData(conversationKeys.list(open)));
      expect(list.map((c) => [c.id, c.lastMessage?.body])).toEqual([
        ['b', 'hi b'],
        ['a', body],
      ]);
    }
  });

  test('a new conversation is fetched whole, then shown in the lists it matches', async () => {
    const client = seeded(open, pages({ items: [conv('b', 2)], nextCursor: null }));
    client.setQueryData(conversationKeys.list(closed), pages({ items: [], nextCursor: null }));
    const created = conv('n', 8, { unread: 1 });
    const fetched: string[] = [];
    await applyInboxEvent(
      client,
      { event: 'created', conversation: created },
      {
        meId: ME,
        fetchConversation: async (id) => {
          fetched.push(id);
          return created;
        },
      },
    );
    expect(fetched).toEqual(['n']);
    expect(ids(client.getQueryData(conversationKeys.list(open)))).toEqual(['n', 'b']);
    expect(ids(client.getQueryData(conversationKeys.list(closed)))).toEqual([]);
  });

  test('an update re-filters: closed leaves "open" and joins "closed", keeping its place', async () => {
    const client = seeded(open, pages({ items: [conv('b', 2), conv('a', 1)], nextCursor: null }));
    client.setQueryData(conversationKeys.list(closed), pages({ items: [], nextCursor: null }));
    client.setQueryData(conversationKeys.list(mine), pages({ items: [], nextCursor: null }));
    await applyInboxEvent(
      client,
      { event: 'updated', conversation: { ...conv('b', 2), status: 'closed' } },
      { meId: ME, fetchConversation: noFetch },
    );
    expect(ids(client.getQueryData(conversationKeys.list(open)))).toEqual(['a']);
    expect(ids(client.getQueryData(conversationKeys.list(closed)))).toEqual(['b']);
    await applyInboxEvent(
      client,
      { event: 'updated', conversation: { ...conv('a', 1), assigneeId: ME } },
      { meId: ME, fetchConversation: noFetch },
    );
    expect(ids(client.getQueryData(conversationKeys.list(mine)))).toEqual(['a']);
  });

  test("a label put on joins that label's list, taken off leaves it; no labelIds keeps them", async () => {
    const vip = { ...open, labelId: 'vip' };
    const client = seeded(open, pages({ items: [conv('a', 1)], nextCursor: null }));
    client.setQueryData(conversationKeys.list(vip), pages({ items: [], nextCursor: null }));
    const event = (labelIds?: string[]) => {
      const { labelIds: _, ...summary } = conv('a', 1);
      return {
        event: 'updated' as const,
        conversation: labelIds ? { ...summary, labelIds } : summary,
      };
    };
    await applyInboxEvent(client, event(['vip']), { meId: ME, fetchConversation: noFetch });
    expect(ids(client.getQueryData(conversationKeys.list(vip)))).toEqual(['a']);
    // A server older than labels sends none: the labels known stay.
    await applyInboxEvent(client, event(), { meId: ME, fetchConversation: noFetch });
    expect(flattenPages(client.getQueryData(conversationKeys.list(open)))[0]?.labelIds).toEqual([
      'vip',
    ]);
    await applyInboxEvent(client, event([]), { meId: ME, fetchConversation: noFetch });
    expect(ids(client.getQueryData(conversationKeys.list(vip)))).toEqual([]);
    expect(ids(client.getQueryData(conversationKeys.list(open)))).toEqual(['a']);
  });

  test('an older summary never moves the last message back', async () => {
    const client = seeded(open, pages({ items: [conv('a', 5)], nextCursor: null }));
    await applyInboxEvent(
      client,
      { event: 'message', conversation: conv('a', 3) },
      { meId: ME, fetchConversation: noFetch },
    );
    const [a] = flattenPages(client.getQueryData(conversationKeys.list(open)));
    expect(a?.lastSeq).toBe(5);
  });

  test('a conversation this console already read up to its last seq stays read', async () => {
    const client = seeded(open, pages({ items: [conv('a', 1)], nextCursor: null }));
    await applyInboxEvent(
      client,
      { event: 'message', conversation: conv('a', 4, { unread: 1 }) },
      { meId: ME, readUpTo: () => 4, fetchConversation: noFetch },
    );
    expect(flattenPages(client.getQueryData(conversationKeys.list(open)))[0]?.unread).toBe(0);
  });

  test('the detail and the contact list follow too', async () => {
    const client = seeded(open, pages({ items: [], nextCursor: null }));
    const a = conv('a', 1);
    client.setQueryData(conversationKeys.detail('a'), a);
    client.setQueryData(conversationKeys.byContact(a.contact.id), { items: [a], nextCursor: null });
    await applyInboxEvent(
      client,
      { event: 'updated', conversation: { ...a, status: 'snoozed' } },
      { meId: ME, fetchConversation: noFetch },
    );
    expect(client.getQueryData<Conversation>(conversationKeys.detail('a'))?.status).toBe('snoozed');
    expect(
      client.getQueryData<Page<Conversation>>(conversationKeys.byContact(a.contact.id))?.items[0]
        ?.status,
    ).toBe('snoozed');
  });
});

test('markReadInCache zeroes the unread count; a snapshot restores everything', () => {
  const client = seeded(open, pages({ items: [conv('a', 1, { unread: 2 })], nextCursor: null }));
  const snapshot = snapshotConversations(client);
  markReadInCache(client, 'a', ME);
  expect(flattenPages(client.getQueryData(conversationKeys.list(open)))[0]?.unread).toBe(0);
  restoreConversations(client, snapshot);
  expect(flattenPages(client.getQueryData(conversationKeys.list(open)))[0]?.unread).toBe(2);
});

test('a preview of files alone names them', () => {
  const last = {
    seq: 3,
    body: '',
    sender: { type: 'visitor' as const, id: 'v' },
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  expect(previewText({ ...last, files: ['a.png', 'b.pdf'] })).toBe('📎 a.png, b.pdf');
  expect(previewText({ ...last, body: 'Hi', files: ['a.png'] })).toBe('Hi');
  expect(previewText(last)).toBe('');
});

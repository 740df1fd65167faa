import { expect, test } from 'bun:test';
import type { ConversationRow } from './conversation-repository.ts';
import type { Message } from './message.ts';
import type { MessageRecorder, RecordOutcome } from './message-recorder.ts';
import { Persister } from './persister.ts';

// The deferred path's reopen: the persister hands what a batch reopened to assignment at once
// (the write-through path does the same in MessageService; both run on PostgreSQL in the API's
// reassignment suite).
const row = (id: string, organizationId: string): ConversationRow => ({
  id,
  organization_id: organizationId,
  environment_id: 'env',
  contact_id: 'contact',
  contact_name: null,
  status: 'open',
  assignee_id: null,
  team_id: null,
  last_seq: 1,
  last_message: null,
  last_activity_at: new Date(0),
  activity_key: '',
  agent_read_seq: 0,
  visitor_read_seq: 1,
  label_ids: [],
  created_at: new Date(0),
  updated_at: new Date(0),
});
const message = (conversationId: string): Message => ({
  id: `m-${conversationId}`,
  organizationId: 'org',
  conversationId,
  seq: 1,
  sender: { type: 'visitor', id: 'contact' },
  body: 'hello again',
  createdAt: new Date(0).toISOString(),
});

function persister(outcomes: RecordOutcome[], reopened: (rows: ConversationRow[]) => void) {
  const errors: unknown[] = [];
  const unused = () => Promise.reject(new Error('not on the deferred path'));
  const recorder: MessageRecorder = {
    writeThrough: unused,
    writeThroughBatch: unused,
    record: unused,
    persist: async () => outcomes,
  };
  const p = new Persister({
    conversations: { get: unused, recordMessage: unused, markRead: unused },
    recorder,
    bus: { signal: async () => {} },
    assignment: {
      reopened: async (rows) => {
        reopened([...rows]);
        return [];
      },
    },
    onError: (error) => errors.push(error),
  });
  return { p, errors };
}

test('the conversations a batch reopened go through assignment, the others do not', async () => {
  const handed: ConversationRow[][] = [];
  const { p } = persister(
    [
      { row: row('c1', 'org'), reopened: true },
      { row: row('c2', 'org'), reopened: false },
      { row: row('c3', 'org'), reopened: true },
    ],
    (rows) => handed.push(rows),
  );
  await p.persist([message('c1'), message('c2'), message('c3')]);
  expect(handed.map((rows) => rows.map((r) => r.id))).toEqual([['c1', 'c3']]);
});

test('a failed round is reported; the stored batch is still done', async () => {
  const { p, errors } = persister([{ row: row('c1', 'org'), reopened: true }], () => {
    throw new Error('round failed');
  });
  await p.persist([message('c1')]);
  expect(errors).toHaveLength(1);
});

test('a batch that reopened nothing runs no round', async () => {
  const handed: ConversationRow[][] = [];
  const { p } = persister([{ row: row('c1', 'org'), reopened: false }], (rows) =>
    handed.push(rows),
  );
  await p.persist([message('c1')]);
  expect(handed).toEqual([]);
});

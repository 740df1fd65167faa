import { describe, expect, test } from 'bun:test';
import type { Sender } from '@flc/protocol';
import { AwayReplies, type AwayReplyOptions } from './away-replies.ts';
import type { StoredBusinessHours } from './business-hours-store.ts';
import type { ConversationRow } from './conversation-repository.ts';

const closed: StoredBusinessHours = {
  enabled: true,
  timeZone: 'UTC',
  weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  holidays: [],
  hideOutsideHours: false,
  awayMessage: 'Away!',
  replyTimeMinutes: null,
  updatedAt: new Date().toISOString(),
};

/** One conversation in memory: its log, the claims table's row, what was sent. */
function fixture(over: { hours?: StoredBusinessHours | null; online?: boolean } = {}) {
  const log: { seq: number; sender: Sender; kind?: 'note' }[] = [];
  let answered = 0;
  const sent: string[] = [];
  let hoursReads = 0;
  const say = (type: Sender['type'], kind?: 'note') => {
    const seq = log.length + 1;
    log.push({ seq, sender: { type, id: type }, ...(kind && { kind }) });
    return seq;
  };
  const options: AwayReplyOptions = {
    hours: {
      get: async () => {
        hoursReads += 1;
        return over.hours === undefined ? closed : over.hours;
      },
    },
    agents: { anyOnline: async () => over.online ?? false },
    claims: {
      claim: async (_o, _c, seq, teamSeq) => {
        if (answered !== 0 && answered >= teamSeq) return false;
        answered = seq;
        return true;
      },
    },
    conversations: {
      get: async () => ({ environment_id: 'env-1' }) as ConversationRow,
    },
    recent: async (_o, _c, beforeSeq, limit) => log.filter((m) => m.seq < beforeSeq).slice(-limit),
    send: async ({ body, cid }) => {
      sent.push(`${cid}:${body}`);
      say('system');
    },
  };
  const replies = new AwayReplies(options);
  const visitor = async () => {
    const seq = say('visitor');
    await replies.visitorWrote({ organizationId: 'org', conversationId: 'c1', seq });
  };
  return { replies, visitor, say, sent, reads: () => hoursReads };
}

describe('AwayReplies', () => {
  test('once per stretch of the team’s silence; a note is no reply', async () => {
    const f = fixture();
    await f.visitor();
    await f.visitor();
    expect(f.sent).toEqual(['away-1:Away!']);
    f.say('agent', 'note');
    await f.visitor();
    expect(f.sent).toHaveLength(1);
    f.say('agent');
    await f.visitor();
    await f.visitor();
    f.say('bot');
    await f.visitor();
    expect(f.sent).toEqual(['away-1:Away!', 'away-7:Away!', 'away-11:Away!']);
  });

  test('none while an agent is online, without an away message, or without hours', async () => {
    for (const f of [
      fixture({ online: true }),
      fixture({ hours: { ...closed, awayMessage: null } }),
      fixture({ hours: null }),
    ]) {
      await f.visitor();
      expect(f.sent).toEqual([]);
    }
  });

  test('hours are read once a while, and again after forget', async () => {
    const f = fixture();
    await f.visitor();
    await f.visitor();
    expect(f.reads()).toBe(1);
    f.replies.forget('env-1');
    await f.visitor();
    expect(f.reads()).toBe(2);
  });
});

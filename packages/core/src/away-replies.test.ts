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
  let conversationReads = 0;
  const hoursAsked: string[] = [];
  const say = (type: Sender['type'], kind?: 'note') => {
    const seq = log.length + 1;
    log.push({ seq, sender: { type, id: type }, ...(kind && { kind }) });
    return seq;
  };
  const options: AwayReplyOptions = {
    hours: {
      get: async (_o, environmentId) => {
        hoursReads += 1;
        hoursAsked.push(environmentId);
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
      get: async () => {
        conversationReads += 1;
        return { environment_id: 'env-1' } as ConversationRow;
      },
    },
    recent: async (_o, _c, beforeSeq, limit) => log.filter((m) => m.seq < beforeSeq).slice(-limit),
    send: async ({ body, cid }) => {
      sent.push(`${cid}:${body}`);
      say('system');
    },
  };
  const replies = new AwayReplies(options);
  const visitor = async (environmentId?: string) => {
    const seq = say('visitor');
    await replies.visitorWrote({ organizationId: 'org', conversationId: 'c1', seq }, environmentId);
  };
  return {
    replies,
    visitor,
    say,
    sent,
    hoursAsked,
    reads: () => hoursReads,
    conversationReads: () => conversationReads,
  };
}

describe('AwayReplies', () => {
  test("the visitor's environment, when the caller knows it, spares the conversation's read", async () => {
    const f = fixture();
    await f.visitor('env-1');
    expect(f.sent).toEqual(['away-1:Away!']);
    expect(f.conversationReads()).toBe(0);
    expect(f.hoursAsked).toEqual(['env-1']);
    await f.replies.visitorWrote({ organizationId: 'org', conversationId: 'c2', seq: 9 });
    expect(f.conversationReads()).toBe(1);
  });

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

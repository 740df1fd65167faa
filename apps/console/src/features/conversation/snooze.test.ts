import { describe, expect, test } from 'bun:test';
import type { Conversation } from '@flc/protocol/resources';
import { mergeSummary } from '../../lib/conversations.ts';
import { snoozedLabel, untilLabel } from '../../lib/format.ts';
import { nextWeek, snoozePresets } from './snooze.ts';

// Local times throughout: the presets are the agent's clock, whatever the machine's zone.
const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);

describe('snooze presets', () => {
  test('1 hour, tomorrow 9:00, next Monday 9:00, until the visitor writes', () => {
    const now = at(2030, 1, 2, 16, 30); // a Wednesday
    expect(snoozePresets(now).map((p) => [p.id, p.label, p.until])).toEqual([
      ['hour', '1 hour', at(2030, 1, 2, 17, 30)],
      ['tomorrow', 'Tomorrow 9:00', at(2030, 1, 3, 9)],
      ['next-week', 'Next week', at(2030, 1, 7, 9)],
      ['visitor', 'Until the visitor writes', null],
    ]);
  });

  test('across a month and a year end; tomorrow 9:00 even just after midnight', () => {
    const [, tomorrow] = snoozePresets(at(2030, 12, 31, 23, 50));
    expect(tomorrow?.until).toEqual(at(2031, 1, 1, 9));
    expect(snoozePresets(at(2030, 3, 5, 0, 10))[1]?.until).toEqual(at(2030, 3, 6, 9));
  });

  test('next week is the coming Monday, 1 to 7 days ahead', () => {
    // 2030-01-06 is a Sunday, 2030-01-07 a Monday.
    expect(nextWeek(at(2030, 1, 6, 20))).toEqual(at(2030, 1, 7, 9));
    expect(nextWeek(at(2030, 1, 7, 8))).toEqual(at(2030, 1, 14, 9));
    expect(nextWeek(at(2030, 1, 12, 12))).toEqual(at(2030, 1, 14, 9));
  });

  test('every timed preset is in the future, as the API requires', () => {
    for (const now of [at(2030, 1, 7, 0, 0), at(2030, 1, 7, 8, 59), at(2030, 1, 7, 23, 59)]) {
      for (const p of snoozePresets(now)) {
        if (p.until) expect(p.until.getTime()).toBeGreaterThan(now.getTime());
      }
    }
  });
});

describe('snoozed until, as shown', () => {
  const now = at(2030, 1, 2, 16, 30).getTime();
  const iso = (d: Date) => d.toISOString();
  test('today, tomorrow, this week, later, another year', () => {
    expect(untilLabel(iso(at(2030, 1, 2, 17, 30)), now)).toBe('5:30 PM');
    expect(untilLabel(iso(at(2030, 1, 3, 9)), now)).toBe('tomorrow, 9:00 AM');
    expect(untilLabel(iso(at(2030, 1, 7, 9)), now)).toBe('Mon, 9:00 AM');
    expect(untilLabel(iso(at(2030, 1, 12, 9)), now)).toBe('Jan 12, 9:00 AM');
    expect(untilLabel(iso(at(2031, 2, 1, 9)), now)).toBe('Feb 1, 2031, 9:00 AM');
  });
  test('the phrase, with or without a time', () => {
    expect(snoozedLabel(iso(at(2030, 1, 3, 9)), now)).toBe('Snoozed until tomorrow, 9:00 AM');
    expect(snoozedLabel(null, now)).toBe('Snoozed until the visitor writes');
  });
});

describe('snoozedUntil in the cache', () => {
  const known: Conversation = {
    id: 'c1',
    status: 'snoozed',
    assigneeId: null,
    teamId: null,
    contact: { id: 'v1' },
    lastMessage: null,
    unread: 0,
    environmentId: 'e1',
    lastSeq: 0,
    lastActivityAt: '2030-01-01T00:00:00.000Z',
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
    snoozedUntil: '2030-01-03T09:00:00.000Z',
    visitorReadSeq: 0,
    labelIds: [],
  };
  const event = (summary: Partial<Conversation>) => ({
    event: 'updated' as const,
    conversation: { ...known, ...summary },
  });
  test('an inbox event sets it, clears it on waking, keeps it when an old server omits it', () => {
    const later = '2030-01-07T09:00:00.000Z';
    expect(mergeSummary(known, event({ snoozedUntil: later })).snoozedUntil).toBe(later);
    expect(mergeSummary(known, event({ status: 'open', snoozedUntil: null }))).toMatchObject({
      status: 'open',
      snoozedUntil: null,
    });
    const { snoozedUntil: _, ...omitted } = known;
    const old = { event: 'updated' as const, conversation: omitted };
    expect(mergeSummary(known, old).snoozedUntil).toBe(known.snoozedUntil);
    const reopened = { event: 'updated' as const, conversation: { ...omitted, status: 'open' } };
    expect(mergeSummary(known, reopened as typeof old).snoozedUntil).toBeNull();
  });
});

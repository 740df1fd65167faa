import { expect, test } from 'bun:test';
import { subtitleOf, whenOf } from './away-view.ts';
import { stringsOf } from './i18n/index.ts';

const en = stringsOf('en');
const ko = stringsOf('ko');
const monday9 = '2026-12-07T09:00:00.000Z';
const now = Date.parse('2026-12-05T12:00:00Z');

test('the subtitle: how soon, away, or until when', () => {
  expect(subtitleOf(en, null)).toBe(en.subtitle);
  expect(subtitleOf(en, { state: 'online' })).toBe(en.subtitle);
  expect(subtitleOf(en, { state: 'online', replyTimeMinutes: 5 })).toBe(
    'We usually reply in 5 minutes',
  );
  expect(subtitleOf(en, { state: 'online', replyTimeMinutes: 120 })).toBe(
    'We usually reply in 2 hours',
  );
  expect(subtitleOf(en, { state: 'away', replyTimeMinutes: 5 })).toBe(
    "We're away right now — leave your email and we'll reply by email",
  );
  expect(subtitleOf(en, { state: 'closed' })).toBe(en.awayEmail);
  expect(subtitleOf(en, { state: 'closed', nextOpenAt: monday9 })).toStartWith("We're away until ");
  expect(subtitleOf(ko, { state: 'online', replyTimeMinutes: 5 })).toBe(
    '보통 5분 안에 답변해 드려요',
  );
  // An environment that answers nobody by email promises no email.
  expect(subtitleOf(en, { state: 'away' }, undefined, false)).toBe(
    "We're away right now — we'll reply here when we're back",
  );
  expect(subtitleOf(ko, { state: 'closed' }, undefined, false)).toBe(ko.awayLater);
});

test("when: the weekday within the week, the date later, in the visitor's locale", () => {
  const weekday = whenOf(monday9, 'en-US', now);
  expect(weekday).toContain('Monday');
  expect(whenOf(monday9, 'ko-KR', now)).toContain('월요일');
  const later = whenOf('2026-12-24T09:00:00.000Z', 'en-US', now);
  expect(later).toContain('December 24');
});

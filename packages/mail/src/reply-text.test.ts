import { describe, expect, test } from 'bun:test';
import { replyText } from './reply-text.ts';

describe('replyText', () => {
  test('keeps what is above "On … wrote:" and drops the quoted lines', () => {
    const text = [
      'Thanks, that works!',
      '',
      'On Fri, Dec 4, 2026 at 10:00 AM Acme <support@acme.test> wrote:',
      '> Hello Ada,',
      '> Try turning it off and on.',
    ].join('\r\n');
    expect(replyText(text)).toBe('Thanks, that works!');
  });

  test('a "wrote:" line wrapped onto two lines', () => {
    const text = [
      'Yes please.',
      'On Fri, Dec 4, 2026 at 10:00 AM Acme',
      '<reply+abc@reply.acme.test> wrote:',
      '> earlier',
    ].join('\n');
    expect(replyText(text)).toBe('Yes please.');
  });

  test("Korean Gmail's header, Outlook's blocks, signatures and phone footers", () => {
    expect(
      replyText('네, 감사합니다.\n\n2026년 12월 4일 (금) 오전 10:00, Acme님이 작성:\n> 안녕하세요'),
    ).toBe('네, 감사합니다.');
    expect(replyText('Fine.\n-----Original Message-----\nFrom: Acme')).toBe('Fine.');
    expect(replyText('Fine.\n________________________________\nFrom: Acme')).toBe('Fine.');
    expect(replyText('Fine.\nFrom: Acme <support@acme.test>\nSent: Friday\nhistory')).toBe('Fine.');
    expect(replyText('Fine.\n-- \nAda Lovelace\nAnalytical Engines Ltd')).toBe('Fine.');
    expect(replyText('Fine.\n\nSent from my iPhone')).toBe('Fine.');
  });

  test('keeps the lines of the reply itself, and nothing but quotes is empty', () => {
    expect(replyText('First line\n\nFrom: my point of view, no.\nSecond')).toBe(
      'First line\n\nFrom: my point of view, no.\nSecond',
    );
    expect(replyText('> only quoted\n> text')).toBe('');
  });
});

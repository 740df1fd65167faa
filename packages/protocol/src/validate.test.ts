import { describe, expect, test } from 'bun:test';
import { parseClientFrame } from './validate.ts';

describe('parseClientFrame', () => {
  test('accepts every valid client frame', () => {
    const frames = [
      { t: 'send', cid: 'c1', conversationId: 'conv', body: 'hello' },
      { t: 'subscribe', conversationId: 'conv' },
      { t: 'subscribe', conversationId: 'conv', afterSeq: 3 },
      { t: 'unsubscribe', conversationId: 'conv' },
      { t: 'typing', conversationId: 'conv', on: true },
      { t: 'read', conversationId: 'conv', seq: 4 },
      { t: 'ping' },
      { t: 'ping', ts: 12 },
    ];
    for (const f of frames)
      expect(parseClientFrame(JSON.stringify(f))).toEqual({ ok: true, frame: f } as never);
  });

  test('not JSON, not an object, unknown t', () => {
    expect(parseClientFrame('{nope')).toMatchObject({ ok: false, code: 'bad_frame' });
    expect(parseClientFrame('[1]')).toMatchObject({ ok: false, code: 'bad_frame' });
    expect(parseClientFrame('null')).toMatchObject({ ok: false, code: 'bad_frame' });
    expect(parseClientFrame('{"t":"launch"}')).toMatchObject({
      ok: false,
      code: 'bad_frame',
      ref: 'launch',
    });
    expect(parseClientFrame('{"t":"__proto__"}')).toMatchObject({ ok: false, code: 'bad_frame' });
  });

  test('missing or wrong fields name the frame and echo the cid', () => {
    const r = parseClientFrame(JSON.stringify({ t: 'send', cid: 'c9', conversationId: 'x' }));
    expect(r).toMatchObject({ ok: false, code: 'bad_frame', ref: 'c9' });
    expect(parseClientFrame('{"t":"read","conversationId":"x","seq":-1}')).toMatchObject({
      ok: false,
    });
    expect(parseClientFrame('{"t":"typing","conversationId":"x","on":"yes"}')).toMatchObject({
      ok: false,
    });
  });

  test('bodies over 4,000 characters and frames over 16 KiB', () => {
    const long = JSON.stringify({
      t: 'send',
      cid: 'c',
      conversationId: 'x',
      body: 'a'.repeat(4001),
    });
    expect(parseClientFrame(long)).toMatchObject({ ok: false, code: 'bad_frame', ref: 'c' });
    expect(parseClientFrame('x'.repeat(20 * 1024))).toMatchObject({ ok: false, code: 'too_large' });
  });

  test('text with a NUL or an unpaired surrogate is a bad frame, in any field', () => {
    for (const bad of ['a\u0000b', '\ud800', 'x\udfffy']) {
      const send = { t: 'send', cid: 'c', conversationId: 'x', body: bad };
      expect(parseClientFrame(JSON.stringify(send))).toMatchObject({
        ok: false,
        code: 'bad_frame',
        ref: 'c',
        message: 'Text must not hold NUL characters or unpaired surrogates',
      });
      const subscribe = { t: 'subscribe', conversationId: bad };
      expect(parseClientFrame(JSON.stringify(subscribe))).toMatchObject({ code: 'bad_frame' });
    }
    // A pair is a character.
    const emoji = { t: 'send', cid: 'c', conversationId: 'x', body: '\ud83d\ude00' };
    expect(parseClientFrame(JSON.stringify(emoji)).ok).toBe(true);
  });
});

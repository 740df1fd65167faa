import { expect, test } from 'bun:test';
import { CloseCode, limits, SUBPROTOCOL, WS_PATH } from '@flc/protocol';
import {
  Close,
  MAX_BODY_CHARS,
  SUBPROTOCOL as SDK_SUBPROTOCOL,
  WS_PATH as SDK_WS_PATH,
} from './codes.ts';

// The SDK takes these from @flc/protocol/codes (no TypeBox there) and adds its own close code.
test('the close codes, path, subprotocol and body limit are the protocol’s', () => {
  const { abandon, ...fromServer } = Close;
  expect(fromServer).toEqual({ ...CloseCode });
  // The code the SDK closes with itself is none the server sends.
  expect(Object.values(CloseCode)).not.toContain(abandon);
  expect([SDK_WS_PATH, SDK_SUBPROTOCOL, MAX_BODY_CHARS]).toEqual([
    WS_PATH,
    SUBPROTOCOL,
    limits.maxBodyChars,
  ]);
});

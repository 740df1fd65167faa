import { expect, test } from 'bun:test';
import { DeviceTokens } from './device-tokens.ts';

const memory = () => {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    items,
  };
};

test('one token per email, whatever its case, the latest kept', () => {
  const tokens = new DeviceTokens(memory());
  tokens.set('Ann@Example.com', 'one');
  tokens.set('ann@example.com ', 'two');
  expect(tokens.get('ANN@example.com')).toBe('two');
  expect(tokens.get('bob@example.com')).toBeUndefined();
});

test('only the five most recent emails are kept', () => {
  const tokens = new DeviceTokens(memory());
  for (let i = 0; i < 7; i++) tokens.set(`a${i}@example.com`, `t${i}`);
  expect(tokens.get('a0@example.com')).toBeUndefined();
  expect(tokens.get('a1@example.com')).toBeUndefined();
  expect(tokens.get('a6@example.com')).toBe('t6');
  expect(tokens.get('a2@example.com')).toBe('t2');
});

test('unreadable storage reads as none', () => {
  const storage = memory();
  storage.items.set('flc.console.devices', '{not json');
  expect(new DeviceTokens(storage).get('a@example.com')).toBeUndefined();
  storage.items.set('flc.console.devices', '["x"]');
  expect(new DeviceTokens(storage).get('a@example.com')).toBeUndefined();
});

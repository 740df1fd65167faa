import { expect, test } from 'bun:test';
import { type DraftStorage, DraftStore } from './draft-storage.ts';

/** localStorage's interface over a Map. */
function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

test('drafts are kept per conversation and survive a new store (a reload, a new log in)', () => {
  const storage = memoryStorage();
  const drafts = new DraftStore(storage);
  drafts.set('c1', 'Hello, I checked your ord');
  drafts.set('c2', 'Other');
  const again = new DraftStore(storage);
  expect(again.get('c1')).toBe('Hello, I checked your ord');
  expect(again.get('c2')).toBe('Other');
  expect(again.get('c3')).toBe('');
});

test('a blank draft or a cleared one leaves nothing behind', () => {
  const storage = memoryStorage();
  const drafts = new DraftStore(storage);
  drafts.set('c1', 'text');
  drafts.set('c1', '  \n');
  expect(storage.map.size).toBe(0);
  drafts.set('c1', 'text');
  drafts.clear('c1');
  expect(drafts.get('c1')).toBe('');
});

test('a damaged entry reads as empty', () => {
  const storage = memoryStorage();
  storage.setItem('flc.console.draft.c1', '{not json');
  expect(new DraftStore(storage).get('c1')).toBe('');
});

test('prune drops drafts untouched for a month and keeps the rest and foreign keys', () => {
  const storage = memoryStorage();
  let now = Date.UTC(2026, 0, 1);
  const drafts = new DraftStore(storage, () => now);
  drafts.set('old', 'old text');
  now += 20 * 24 * 3600 * 1000;
  drafts.set('recent', 'recent text');
  storage.setItem('flc.console.session', '{}');
  now += 15 * 24 * 3600 * 1000;
  expect(drafts.prune()).toBe(1);
  expect(drafts.get('old')).toBe('');
  expect(drafts.get('recent')).toBe('recent text');
  expect(storage.getItem('flc.console.session')).toBe('{}');
});

test('a full storage does not throw', () => {
  const storage = memoryStorage();
  storage.setItem = () => {
    throw new Error('QuotaExceededError');
  };
  expect(() => new DraftStore(storage).set('c1', 'text')).not.toThrow();
});

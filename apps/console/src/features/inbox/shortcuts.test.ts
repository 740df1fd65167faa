import { describe, expect, test } from 'bun:test';
import { commandFor, isEditable, shortcuts, stepSelection } from './shortcuts.ts';

describe('commandFor', () => {
  test('maps each documented key to its command', () => {
    const press = (key: string) => commandFor({ key, editing: false });
    expect(press('j')).toBe('next');
    expect(press('k')).toBe('previous');
    expect(press('Enter')).toBe('open');
    expect(press('o')).toBe('open');
    expect(press('r')).toBe('focus-composer');
    expect(press('e')).toBe('close');
    expect(press('a')).toBe('assign-me');
    expect(press('s')).toBe('snooze');
    expect(press('Escape')).toBe('leave-composer');
    expect(press('?')).toBe('help');
    expect(press('x')).toBeNull();
    expect(press('J')).toBeNull();
  });

  test('typing in a field fires nothing but Escape', () => {
    for (const key of ['j', 'k', 'e', 'a', 's', 'r', '?', 'Enter', 'o']) {
      expect(commandFor({ key, editing: true })).toBeNull();
    }
    expect(commandFor({ key: 'Escape', editing: true })).toBe('leave-composer');
  });

  test('modifiers and Enter on a button are left alone', () => {
    expect(commandFor({ key: 'e', metaKey: true, editing: false })).toBeNull();
    expect(commandFor({ key: 'a', ctrlKey: true, editing: false })).toBeNull();
    expect(commandFor({ key: 's', altKey: true, editing: false })).toBeNull();
    expect(commandFor({ key: 'Enter', onControl: true, editing: false })).toBeNull();
    expect(commandFor({ key: 'j', onControl: true, editing: false })).toBe('next');
  });

  test('no key is bound twice', () => {
    const keys = shortcuts.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

test('isEditable knows fields from the rest', () => {
  expect(isEditable({ tagName: 'INPUT' } as unknown as EventTarget)).toBe(true);
  expect(isEditable({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
  expect(isEditable({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(
    true,
  );
  expect(isEditable({ tagName: 'DIV' } as unknown as EventTarget)).toBe(false);
  expect(isEditable(null)).toBe(false);
});

test('stepSelection moves within the list and stops at its ends', () => {
  const ids = ['a', 'b', 'c'];
  expect(stepSelection(ids, null, 1)).toBe('a');
  expect(stepSelection(ids, null, -1)).toBe('c');
  expect(stepSelection(ids, 'a', 1)).toBe('b');
  expect(stepSelection(ids, 'c', 1)).toBe('c');
  expect(stepSelection(ids, 'a', -1)).toBe('a');
  expect(stepSelection(ids, 'gone', 1)).toBe('a');
  expect(stepSelection([], 'a', 1)).toBeNull();
});

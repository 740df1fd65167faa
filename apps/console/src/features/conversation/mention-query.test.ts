import { expect, test } from 'bun:test';
import type { Agent } from '@flc/protocol/resources';
import { insertMention, matchAgents, mentionQueryAt } from './mention-query.ts';

const agent = (id: string, name: string, handle: string, status: Agent['status'] = 'active') =>
  ({ id, name, handle, status }) as Agent;
const team = [
  agent('1', 'Grace Hopper', 'gracehopper'),
  agent('2', 'Alan Turing', 'alanturing'),
  agent('3', 'Ada Lovelace', 'adalovelace'),
  agent('4', 'Gone Away', 'goneaway', 'disabled'),
  agent('5', 'Me Myself', 'memyself'),
];

test('the query is the @word right before the caret, not an email address', () => {
  expect(mentionQueryAt('@', 1)).toEqual({ start: 0, end: 1, text: '' });
  expect(mentionQueryAt('hi @gra', 7)).toEqual({ start: 3, end: 7, text: 'gra' });
  expect(mentionQueryAt('hi @gra and', 11)).toBeNull();
  expect(mentionQueryAt('mail bob@gra', 12)).toBeNull();
  expect(mentionQueryAt('(@Jür', 5)).toEqual({ start: 1, end: 5, text: 'Jür' });
  expect(mentionQueryAt('no at', 5)).toBeNull();
});

test('teammates match by handle first, then by a word of the name; never me or the inactive', () => {
  expect(matchAgents(team, '', '5').map((a) => a.handle)).toEqual([
    'adalovelace',
    'alanturing',
    'gracehopper',
  ]);
  expect(matchAgents(team, 'a', '5').map((a) => a.handle)).toEqual(['adalovelace', 'alanturing']);
  expect(matchAgents(team, 'hop', null).map((a) => a.handle)).toEqual(['gracehopper']);
  expect(matchAgents(team, 'go', null)).toEqual([]);
  expect(matchAgents(team, 'me', '5')).toEqual([]);
});

test('choosing one puts @handle and a space in place of the query', () => {
  const q = mentionQueryAt('ask @gr about it', 7);
  expect(q).not.toBeNull();
  if (!q) return;
  expect(insertMention('ask @gr about it', q, 'gracehopper')).toEqual({
    value: 'ask @gracehopper about it',
    caret: 17,
  });
});

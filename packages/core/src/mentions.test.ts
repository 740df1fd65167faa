import { expect, test } from 'bun:test';
import { mentionedHandles, mentionFrame, mentionTarget } from './mentions.ts';

const handles = ['ann', 'anna', 'gracehopper', 'jürgen', 'o.neil'];

test('a handle is mentioned as @handle, without case, between word boundaries', () => {
  expect(mentionedHandles('@Ann, can you look? cc @GraceHopper.', handles)).toEqual([
    'ann',
    'gracehopper',
  ]);
  expect(mentionedHandles('@anna only', handles)).toEqual(['anna']);
  expect(mentionedHandles('@annabel and @ann_x are nobody', handles)).toEqual([]);
  expect(mentionedHandles('mail ann@ann or x@gracehopper', handles)).toEqual([]);
  expect(mentionedHandles('(@jürgen) and @O.Neil!', handles)).toEqual(['jürgen', 'o.neil']);
  expect(mentionedHandles('no at sign here', handles)).toEqual([]);
  // The second occurrence counts when the first is part of a word.
  expect(mentionedHandles('x@ann then @ann', handles)).toEqual(['ann']);
});

test('a mention frame names its agent first, so a fan-out reads it without parsing', () => {
  const frame = mentionFrame({
    agentId: 'agent-7',
    mention: {
      id: 'm',
      conversationId: 'c',
      contact: { id: 'v', name: null },
      messageId: 'n',
      seq: 1,
      author: { type: 'agent', id: 'a' },
      body: '@x "quoted"',
      createdAt: new Date(0).toISOString(),
      readAt: null,
    },
  });
  expect(mentionTarget(frame)).toBe('agent-7');
  expect(JSON.parse(frame).mention.body).toBe('@x "quoted"');
  expect(mentionTarget('{"t":"conversation","event":"created"}')).toBeNull();
});

import type { Translation } from './catalog.ts';
import type en from './format.en.ts';

export default {
  now: '방금',
  minutesShort: '{n}분',
  hoursShort: '{n}시간',
  dayTime: '{day} {time}',
  today: '오늘',
  yesterday: '어제',
  tomorrowAt: '내일 {time}',
  visitor: '방문자 {id}',
  snoozedUntil: '{until}까지 보류',
  snoozedUntilReply: '방문자가 답할 때까지 보류',
  waitSeconds: '{s}초',
  waitMinutes: '{min}분',
  waitMinutesSeconds: '{min}분 {s}초',
} satisfies Translation<typeof en>;

import type { Weekday } from '@flc/protocol/resources';

/** What the business hours editor says, in English and Korean, together for translation. */
const en = {
  title: 'Business hours',
  description:
    'When agents answer. Outside these hours, with nobody online, the widget says when you are back and asks for an email; the away message answers a visitor once.',
  enabled: 'Use business hours (off: always open)',
  timeZone: 'Time zone',
  weekly: 'Weekly hours',
  days: {
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
    sun: 'Sunday',
  } as Record<Weekday, string>,
  closed: 'Closed',
  opens: (day: string, n: number) => `${day}, hours ${n}: opens`,
  closes: (day: string, n: number) => `${day}, hours ${n}: closes`,
  to: 'to',
  midnight: 'A closing time of 00:00 means midnight at the end of the day.',
  addHours: (day: string) => `Add hours on ${day}`,
  removeHours: (day: string, n: number) => `Remove ${day} hours ${n}`,
  copyToWeekdays: 'Copy Monday to Tuesday–Friday',
  copied: "Monday's hours copied to Tuesday–Friday",
  holidays: 'Holidays (closed all day)',
  noHolidays: 'No holidays.',
  holidayDate: 'Date',
  addHoliday: 'Add holiday',
  removeHoliday: (date: string) => `Remove holiday ${date}`,
  hide: 'Hide the widget outside business hours while nobody is online',
  awayMessage: 'Away message (sent once when a visitor writes while nobody can answer)',
  replyTime: 'Usual reply time, in minutes (shown in the widget)',
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved',
  failed: (n: number) => `Not saved: ${n === 1 ? 'one problem' : `${n} problems`} to fix.`,
  loadFailed: (message: string) => `The business hours did not load: ${message}`,
};

export type BusinessHoursStrings = typeof en;

const ko: BusinessHoursStrings = {
  title: '운영 시간',
  description:
    '상담원이 답변하는 시간입니다. 운영 시간이 아니고 접속한 상담원이 없으면 위젯이 다시 돌아오는 시간을 알리고 이메일을 받습니다. 부재 메시지는 방문자에게 한 번 보내집니다.',
  enabled: '운영 시간 사용 (끄면 항상 운영)',
  timeZone: '시간대',
  weekly: '요일별 운영 시간',
  days: {
    mon: '월요일',
    tue: '화요일',
    wed: '수요일',
    thu: '목요일',
    fri: '금요일',
    sat: '토요일',
    sun: '일요일',
  },
  closed: '휴무',
  opens: (day, n) => `${day} ${n}번째 시간: 시작`,
  closes: (day, n) => `${day} ${n}번째 시간: 종료`,
  to: '~',
  midnight: '종료 시간 00:00은 그날 자정을 뜻합니다.',
  addHours: (day) => `${day} 시간 추가`,
  removeHours: (day, n) => `${day} ${n}번째 시간 삭제`,
  copyToWeekdays: '월요일 시간을 화~금요일에 복사',
  copied: '월요일 시간을 화~금요일에 복사했습니다',
  holidays: '휴일 (하루 종일 휴무)',
  noHolidays: '휴일이 없습니다.',
  holidayDate: '날짜',
  addHoliday: '휴일 추가',
  removeHoliday: (date) => `휴일 ${date} 삭제`,
  hide: '운영 시간이 아니고 접속한 상담원이 없으면 위젯 숨기기',
  awayMessage: '부재 메시지 (아무도 답변할 수 없을 때 방문자에게 한 번 보냄)',
  replyTime: '평균 답변 시간(분, 위젯에 표시)',
  save: '저장',
  saving: '저장하는 중…',
  saved: '저장했습니다',
  failed: (n) => `저장하지 못했습니다: 고칠 항목 ${n}개.`,
  loadFailed: (message) => `운영 시간을 불러오지 못했습니다: ${message}`,
};

/** Korean where the console's page says so (`<html lang="ko">`), English otherwise. */
export const businessHoursStrings = (lang = globalThis.document?.documentElement.lang ?? '') =>
  lang.toLowerCase().startsWith('ko') ? ko : en;

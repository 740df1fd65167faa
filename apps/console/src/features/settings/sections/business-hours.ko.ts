import type { Translation } from '../../../lib/i18n/catalog.ts';
import type en from './business-hours.en.ts';

export default {
  title: '운영 시간',
  description:
    '상담원이 답변하는 시간입니다. 운영 시간이 아니고 접속한 상담원이 없으면 위젯이 다시 돌아오는 시간을 알리고 이메일을 받습니다. 부재 메시지는 방문자에게 한 번 보내집니다.',
  enabled: '운영 시간 사용 (끄면 항상 운영)',
  timeZone: '시간대',
  weekly: '요일별 운영 시간',
  closed: '휴무',
  opens: '{day} {n}번째 시간: 시작',
  closes: '{day} {n}번째 시간: 종료',
  to: '~',
  midnight: '종료 시간 00:00은 그날 자정을 뜻합니다.',
  addHours: '{day} 시간 추가',
  removeHours: '{day} {n}번째 시간 삭제',
  copyToWeekdays: '월요일 시간을 화~금요일에 복사',
  copied: '월요일 시간을 화~금요일에 복사했습니다',
  holidays: '휴일 (하루 종일 휴무)',
  noHolidays: '휴일이 없습니다.',
  holidayDate: '날짜',
  addHoliday: '휴일 추가',
  removeHoliday: '휴일 {date} 삭제',
  hide: '운영 시간이 아니고 접속한 상담원이 없으면 위젯 숨기기',
  awayMessage: '부재 메시지 (아무도 답변할 수 없을 때 방문자에게 한 번 보냄)',
  replyTime: '평균 답변 시간(분, 위젯에 표시)',
  save: '저장',
  saving: '저장하는 중…',
  saved: '저장했습니다',
  failed: '저장하지 못했습니다: 고칠 항목 {n}개.',
  loadFailed: '운영 시간을 불러오지 못했습니다: {message}',
  day: '{day, select, mon {월요일} tue {화요일} wed {수요일} thu {목요일} fri {금요일} sat {토요일} other {일요일}}',
} satisfies Translation<typeof en>;

import type { Translation } from './catalog.ts';
import type en from './common.en.ts';

export default {
  appName: 'Fast Light Chat',
  save: '저장',
  saving: '저장하는 중…',
  saved: '저장했습니다',
  cancel: '취소',
  close: '닫기',
  delete: '삭제',
  edit: '수정',
  retry: '다시 시도',
  loading: '불러오는 중…',
  copy: '복사',
  copied: '복사했습니다',
  none: '—',
  language: '언어',
  unexpected: '문제가 생겼습니다.',
} satisfies Translation<typeof en>;

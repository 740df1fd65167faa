import type { Translation } from '../../lib/i18n/catalog.ts';
import type en from './i18n.en.ts';

export default {
  nav: '검색',
  navHint: '검색 (/ 또는 Ctrl+K)',
  title: '검색',
  label: '메시지, 메모, 고객, 대화 검색',
  placeholder: '메시지, 고객, 대화 검색…',
  close: '닫기',
  tooShort: '2자 이상 입력하세요.',
  searching: '검색하는 중…',
  failed: '검색하지 못했습니다. 다시 시도하세요.',
  none: '“{q}”에 대한 결과가 없습니다.',
  count: '결과 {n}개',
  group: '{group, select, contact {고객} conversation {대화} other {메시지}}',
  note: '비공개 메모',
  visitor: '방문자',
  agent: '상담원',
  bot: '봇',
  system: '시스템',
  unnamed: '이름 없는 고객',
  hint: '↑ ↓로 고르고 Enter로 열고 Esc로 닫습니다',
} satisfies Translation<typeof en>;

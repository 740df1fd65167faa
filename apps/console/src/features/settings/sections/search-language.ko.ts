import type { Translation } from '../../../lib/i18n/catalog.ts';
import type en from './search-language.en.ts';

export default {
  title: '검색',
  label: '검색 언어',
  hint: '메시지를 단어로 나누는 방식입니다. 어간 분석을 지원하는 언어에서는 “refunds”로 “refund”를 찾습니다. 어간 분석이 없는 언어(한국어, 일본어, 중국어)는 단어 전체가 일치해야 합니다. 바꾸면 지난 메시지를 백그라운드에서 다시 색인합니다.',
  readOnly: '소유자와 관리자만 바꿀 수 있습니다.',
  saving: '저장하는 중…',
  saved: '저장했습니다',
  failed: '언어를 저장하지 못했습니다. 다시 시도하세요.',
  simple: '단순 (단어 전체, 모든 언어)',
} satisfies Translation<typeof en>;

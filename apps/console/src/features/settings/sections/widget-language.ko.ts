import type { Translation } from '../../../lib/i18n/catalog.ts';
import type en from './widget-language.en.ts';

export default {
  title: '위젯 언어',
  label: '언어',
  hint: '자동: 방문자마다 브라우저 언어 중 위젯이 지원하는 첫 번째 언어로 보여 주고, 없으면 영어로 보여 줍니다. 언어를 고르면: 모든 방문자에게 위젯과 위젯이 보내는 이메일을 그 언어로 보여 줍니다.',
  automatic: '자동 (방문자의 브라우저에 따름)',
  saving: '저장 중…',
  saved: '저장됨',
  failed: '언어를 저장하지 못했습니다. 다시 시도하세요.',
} satisfies Translation<typeof en>;

import type { Translation } from '../../../lib/i18n/catalog.ts';
import type en from './email-continuity.en.ts';

export default {
  title: '이메일 답장',
  description:
    '방문자가 보지 못한 답장은 이메일로 보내고, 방문자가 이메일로 답하면 대화로 돌아옵니다 (서버에 수신 메일이 설정된 경우).',
  toggle: '방문자에게 이메일로 답하기',
  hintOn: '자리를 비운 방문자에게 위젯에서 이메일 주소를 묻습니다.',
  hintOff: '답장을 이메일로 보내지 않고, 위젯에서 이메일 주소도 묻지 않습니다.',
  saving: '저장하는 중…',
  savedOn: '이메일 답장이 켜졌습니다',
  savedOff: '이메일 답장이 꺼졌습니다',
  failed: '저장하지 못했습니다. 다시 시도하세요.',
  loadFailed: '설정을 불러오지 못했습니다: {message}',
} satisfies Translation<typeof en>;

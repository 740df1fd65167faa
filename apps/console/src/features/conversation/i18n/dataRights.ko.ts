import type { Translation } from '../../../lib/i18n/catalog.ts';
import type en from './dataRights.en.ts';

export default {
  heading: '개인정보',
  intro:
    '개인정보 열람 또는 삭제 요청에 대응합니다: 이 고객에 대한 모든 정보를 내보내거나 모두 지웁니다.',
  export: '데이터 내보내기',
  exporting: '내보내는 중…',
  erase: '고객 삭제…',
  eraseTitle: '{name}을(를) 삭제할까요?',
  eraseBody:
    '고객 정보와 이 고객과의 모든 대화, 그 대화의 모든 메시지와 메모가 모든 저장소에서 삭제됩니다. 되돌릴 수 없습니다.',
  eraseConfirm: '모두 삭제',
  exportFailed: '내보내지 못했습니다: {message}',
  fileName: 'contact-{id}.json',
} satisfies Translation<typeof en>;

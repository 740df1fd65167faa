import type { Translation } from '../../../lib/i18n/catalog.ts';
import type en from './messageChanges.en.ts';

export default {
  edit: '수정',
  editMessage: '메시지 수정',
  editLabel: '메시지 수정',
  delete: '삭제',
  deleteMessage: '메시지 삭제',
  save: '저장',
  saving: '저장하는 중…',
  cancel: '취소',
  edited: '수정됨',
  editedAt: '{time}에 수정됨',
  deleted: '삭제된 메시지입니다.',
  deleteTitle: '이 메시지를 삭제할까요?',
  deleteNote: '이 메모를 삭제할까요?',
  deleteBody:
    '모든 사람에게서, 대화 기록과 검색 결과에서 내용이 지워집니다. 대화에는 삭제된 메시지로 자리가 남습니다.',
  deleteConfirm: '메시지 삭제',
  failed: '바꾸지 못했습니다: {reason}',
} satisfies Translation<typeof en>;

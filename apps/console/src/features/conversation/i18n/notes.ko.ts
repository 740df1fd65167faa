import type { Translation } from '../../../lib/i18n/catalog.ts';
import type en from './notes.en.ts';

export default {
  modeLegend: '작성',
  modeReply: '답장',
  modeNote: '비공개 메모',
  replyLabel: '답장',
  noteLabel: '비공개 메모',
  replyPlaceholder: '{name}님에게 답장…',
  notePlaceholder: '팀원에게만 보입니다. @를 입력해 팀원을 멘션하세요…',
  send: '보내기',
  addNote: '메모 추가',
  noteBadge: '비공개 메모',
  noteHint: '방문자에게 보이지 않음',
  keySend: '보내기',
  keyAdd: '추가',
  keyNewLine: '줄 바꿈',
  pickerLabel: '팀원 멘션',
  pickerStatus:
    '{n, plural, =0 {일치하는 팀원이 없습니다} other {일치하는 팀원 #명. 위아래 화살표로 고르고 Enter로 멘션합니다}}',
} satisfies Translation<typeof en>;

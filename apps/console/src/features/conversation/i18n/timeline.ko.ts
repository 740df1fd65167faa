import type { Translation } from '../../../lib/i18n/catalog.ts';
import type en from './timeline.en.ts';

export default {
  history: '메시지',
  loadOlder: '이전 메시지 불러오기',
  loadingOlder: '이전 메시지를 불러오는 중',
  start: '대화의 시작',
  loadNewer: '최근 메시지 불러오기',
  loadingNewer: '최근 메시지를 불러오는 중',
  newBelow: '새 메시지 ↓',
  found: '찾은 메시지',
  viaEmail: '이메일로 받음',
  viaEmailHint: '방문자가 알림 이메일에 답장했습니다. 답변은 이메일로 보내집니다',
  announce: '{name}님의 새 메시지: {body}',
  announceFile: '{name}님이 파일을 보냈습니다',
} satisfies Translation<typeof en>;

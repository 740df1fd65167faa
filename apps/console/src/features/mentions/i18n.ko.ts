import type { Translation } from '../../lib/i18n/catalog.ts';
import type en from './i18n.en.ts';

export default {
  nav: '멘션',
  navWithCount: '멘션 (읽지 않음 {n})',
  title: '멘션',
  intro: '팀원이 내 @핸들을 적은 메모입니다.',
  yourHandle: '내 핸들은 @{handle}입니다.',
  markAllRead: '모두 읽음으로 표시',
  markRead: '읽음으로 표시',
  unread: '읽지 않음',
  empty: '아직 나를 멘션한 사람이 없습니다.',
  loadMore: '더 보기',
  loading: '멘션을 불러오는 중',
  failed: '멘션을 불러오지 못했습니다.',
  retry: '다시 시도',
  mentioned: '{author}님이 나를 멘션했습니다',
  inConversation: '{contact}님과의 대화에서',
  someone: '팀원',
  announce: '{author}님이 메모에서 나를 멘션했습니다',
} satisfies Translation<typeof en>;

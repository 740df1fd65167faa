import type { Translation } from '../../lib/i18n/catalog.ts';
import type en from './i18n.en.ts';

export default {
  main: '주 메뉴',
  inbox: '인박스',
  mentions: '멘션',
  reports: '리포트',
  settings: '설정',
  system: '시스템',
  search: '검색',
  searchHint: '검색 (/ 또는 Ctrl+K)',
  withUnread: '{label} (읽지 않음 {badge})',
  unread: '읽지 않음',
  logOut: '로그아웃',
  language: '언어',
  team: '팀',
  teammate: '{name} · {presence, select, online {온라인} away {자리 비움} other {오프라인}}',
  online: '온라인',
  away: '자리 비움',
  statusFailed: '상태를 바꾸지 못했습니다: {error}',
  statusTitle:
    '지금 {status, select, online {온라인} other {자리 비움}} 상태입니다. 누르면 {next, select, online {온라인} other {자리 비움}}으로 바꿉니다.',
  notSaved: '저장 안 됨 · ',
} satisfies Translation<typeof en>;

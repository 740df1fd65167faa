import type { Translation } from '../../../lib/i18n/catalog.ts';
import type en from './attachments.en.ts';

export default {
  attachments: '첨부 파일',
  attach: '파일 첨부',
  attaching: '{name} 보내는 중…',
  attachFailed: '{name}을(를) 보내지 못했습니다: {reason}',
  download: '{name} 내려받기 ({size})',
  openImage: '{name} 원본 크기로 보기',
  bytes: '{n} B',
  kilobytes: '{n} KB',
  megabytes: '{n} MB',
  notConnected: '연결되어 있지 않습니다',
} satisfies Translation<typeof en>;

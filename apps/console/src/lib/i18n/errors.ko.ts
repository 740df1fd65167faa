import type { Translation } from './catalog.ts';
import type en from './errors.en.ts';

export default {
  network: '서버에 연결하지 못했습니다. 네트워크 연결을 확인하고 다시 시도하세요.',
  bad_request: '요청을 처리할 수 없습니다.',
  validation: '입력한 내용 중 올바르지 않은 항목이 있습니다.',
  unauthorized: '세션이 만료되었습니다. 다시 로그인하세요.',
  forbidden: '이 작업을 할 권한이 없습니다.',
  not_found: '찾을 수 없습니다. 삭제되었을 수 있습니다.',
  conflict: '이미 있는 항목과 충돌합니다.',
  email_in_use: '이미 사용 중인 이메일 주소입니다.',
  rate_limited: '시도가 너무 많습니다. 잠시 후 다시 시도하세요.',
  limit_reached: '한도에 도달했습니다.',
  too_large: '크기가 너무 큽니다.',
  unsupported_media_type: '지원하지 않는 파일 형식입니다.',
  attachment_daily_limit: '오늘 보낼 수 있는 첨부 파일 한도에 도달했습니다.',
  link_expired: '링크가 만료되었습니다.',
  internal: '서버 오류가 발생했습니다. 나중에 다시 시도하세요.',
  required: '필수 항목입니다',
  minLength: '{n}자 이상 입력하세요',
  maxLength: '{n}자까지 입력할 수 있습니다',
  email: '올바른 이메일 주소를 입력하세요',
  invalid: '올바르지 않은 값입니다',
  serverAnswered: '서버 응답 {status}',
} satisfies Translation<typeof en>;

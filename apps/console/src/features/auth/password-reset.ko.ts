import type { Translation } from '../../lib/i18n/catalog.ts';
import type en from './password-reset.en.ts';

export default {
  forgotLink: '비밀번호를 잊으셨나요?',
  requestTitle: '비밀번호 재설정',
  requestSubtitle:
    '로그인에 쓰는 이메일을 입력하면 새 비밀번호를 정할 수 있는 링크를 보내 드립니다.',
  email: '이메일',
  send: '재설정 링크 보내기',
  sending: '보내는 중…',
  sentTitle: '이메일을 확인하세요',
  sent: '{email} 계정이 있다면 링크를 보냈습니다. 링크는 잠시 동안 한 번만 쓸 수 있습니다.',
  sentHint: '몇 분이 지나도 오지 않으면 스팸함을 확인하거나 링크를 다시 보내세요.',
  sendAnother: '링크 다시 보내기',
  unavailableTitle: '비밀번호를 재설정할 수 없습니다',
  unavailable:
    '이 서버는 이메일을 보낼 수 없어 여기서 비밀번호를 재설정할 수 없습니다. 조직의 소유자나 관리자에게 도움을 요청하세요.',
  remembered: '비밀번호가 생각나셨나요?',
  logIn: '로그인',
  setTitle: '새 비밀번호 정하기',
  setSubtitle: '변경하면 내 계정에 로그인된 모든 기기에서 로그아웃됩니다.',
  newPassword: '새 비밀번호',
  confirm: '새 비밀번호 확인',
  save: '새 비밀번호 설정',
  saving: '저장하는 중…',
  missingTitle: '재설정 링크가 완전하지 않습니다',
  missing: '이메일의 링크를 다시 열거나 새 링크를 요청하세요.',
  deadTitle: '더 이상 쓸 수 없는 재설정 링크입니다',
  dead: '{code, select, reset_token_used {이미 비밀번호를 정하는 데 사용되었습니다.} reset_token_expired {만료되었거나 더 새로운 링크로 바뀌었습니다.} other {올바른 링크가 아닙니다.}}',
  askAgain: '새 링크 요청',
  changed: '비밀번호를 바꿨습니다. 새 비밀번호로 로그인하세요.',
} satisfies Translation<typeof en>;

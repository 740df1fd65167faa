import type { Translation } from '../../lib/i18n/catalog.ts';
import type en from './sso.en.ts';

export default {
  toggle: 'SSO로 로그인',
  heading: '싱글 사인온(SSO)',
  organizationLabel: '조직의 SSO 이름',
  organizationHint: '관리자가 정한 이름입니다. 예: "acme".',
  organizationRequired: '조직의 SSO 이름을 입력하세요.',
  continue: 'SSO로 계속',
  finishingTitle: '로그인하는 중',
  finishing: '싱글 사인온을 마무리하는 중…',
  failedTitle: '싱글 사인온을 마치지 못했습니다',
  backToLogin: '로그인으로 돌아가기',
  missingCode: '이 로그인 링크에는 코드가 없습니다. 로그인 페이지에서 다시 시작하세요.',
  expiredCode: '만료되었거나 이미 사용된 로그인입니다. 로그인 페이지에서 다시 시작하세요.',
  passwordNotAllowed: '조직에서 싱글 사인온으로 로그인합니다. 아래의 "SSO로 로그인"을 선택하세요.',
  error:
    '{code, select, sso_unavailable {이 조직은 싱글 사인온을 설정하지 않았거나 꺼 두었습니다.} sso_denied {ID 공급자에서 로그인이 취소되었습니다.} sso_state_invalid {로그인이 만료되었거나 다른 브라우저에서 시작되었습니다. 다시 시도하세요.} sso_email_unverified {ID 공급자가 이메일 주소를 확인하지 않았습니다.} sso_domain_not_allowed {이 이메일 도메인으로는 이 조직에 로그인할 수 없습니다.} sso_unknown_user {이 조직에 이 이메일을 쓰는 상담원이 없습니다. 소유자에게 초대를 요청하세요.} sso_account_disabled {이 조직의 계정이 비활성화되었습니다.} sso_plan_limit {조직의 요금제에 상담원을 더 추가할 수 없습니다. 소유자에게 문의하세요.} sso_rate_limited {네트워크에서 로그인 시도가 너무 많습니다. 1분 뒤에 다시 시도하세요.} other {ID 공급자가 로그인을 마치지 못했습니다. 다시 시도하세요.}}',
} satisfies Translation<typeof en>;

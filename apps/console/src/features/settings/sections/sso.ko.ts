import type { Translation } from '../../../lib/i18n/catalog.ts';
import type en from './sso.en.ts';

export default {
  title: '싱글 사인온(SSO)',
  description: '상담원이 회사의 ID 공급자(OpenID Connect)로 로그인하게 합니다.',
  ownersOnly: '싱글 사인온은 소유자만 보고 바꿀 수 있습니다.',
  registerTitle: 'ID 공급자에서',
  registerHint:
    '웹 애플리케이션(인가 코드 흐름, 범위 openid, email, profile)을 이 리디렉션 URI로 등록하세요:',
  redirectUri: '리디렉션 URI',
  connectionTitle: '연결',
  slug: 'SSO 이름',
  slugHint: '상담원이 “SSO로 로그인”에서 입력합니다: 영문 소문자, 숫자, 하이픈.',
  issuer: '발급자 URL',
  issuerHint: '예: https://login.example.com/realms/acme',
  clientId: '클라이언트 ID',
  clientSecret: '클라이언트 시크릿',
  clientSecretNew: 'ID 공급자가 보여 줍니다. 암호화해 저장하며 다시 표시하지 않습니다.',
  clientSecretKept:
    '암호화해 저장되어 있습니다. 그대로 두려면 비워 두고, 바꾸려면 새 값을 입력하세요.',
  domains: '허용할 이메일 도메인',
  domainsHint:
    '쉼표로 구분합니다 (예: example.com). 비워 두면 기존 상담원의 모든 도메인을 허용합니다.',
  options: '옵션',
  enabled: '사용',
  enabledHint: '상담원이 SSO로 로그인할 수 있습니다.',
  enforce: 'SSO 필수',
  enforceHint: '상담원과 관리자는 더 이상 비밀번호로 로그인할 수 없습니다 (소유자는 가능).',
  provision: '첫 로그인 때 상담원 만들기',
  provisionHint: '허용된 도메인의 새 사용자는 상담원이 됩니다. 끄면 기존 상담원만 로그인합니다.',
  save: '저장',
  saving: '발급자를 확인하는 중…',
  saved: '저장했습니다',
  remove: '싱글 사인온 삭제',
  removeConfirm: '삭제',
  removeBody:
    '상담원은 더 이상 SSO로 로그인할 수 없습니다. 비밀번호가 있으면 비밀번호로 로그인할 수 있습니다.',
} satisfies Translation<typeof en>;

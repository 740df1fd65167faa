import type { Translation } from '../../../lib/i18n/catalog.ts';
import type en from './invite.en.ts';

export default {
  title: '상담원 초대',
  submit: '초대 만들기',
  pending: '초대하는 중…',
  email: '이메일',
  name: '이름',
  role: '역할',
  roleHint:
    '{role, select, agent {대화를 처리하고 설정을 볼 수 있습니다.} admin {상담원, 환경, 키, 웹훅도 관리합니다.} other {다른 소유자 관리까지 모든 권한을 가집니다.}}',
  renew: '초대 다시 보내기',
  renewLabel: '{name}에게 초대 다시 보내기',
  done: '완료',
  sentTitle: '초대를 보냈습니다',
  sent: '{name}({email})에게 초대를 보냈습니다.',
  sentHint:
    '이메일의 링크로 비밀번호를 정하면 {role}(으)로 로그인됩니다. 링크는 {until}까지 한 번만 쓸 수 있습니다.',
  sentAgain:
    '받지 못했다면 스팸함을 확인해 달라고 하거나, 해당 행의 “초대 다시 보내기”를 쓰세요. 이전 링크는 더 이상 쓸 수 없게 됩니다.',
  linkTitle: '초대 링크가 준비되었습니다',
  linkIntro:
    '이 링크를 {name}({email})에게 보내세요. 비밀번호를 정하면 {role}(으)로 로그인되며, 한 번만 쓸 수 있습니다.',
  linkLabel: '초대 링크',
  linkHint:
    '이 링크는 지금만 표시되며 {until}까지 쓸 수 있습니다. 잃어버렸거나 기한이 지났다면 상담원 행의 “초대 다시 보내기”를 쓰세요.',
} satisfies Translation<typeof en>;

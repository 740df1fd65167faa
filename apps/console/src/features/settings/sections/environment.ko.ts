import type { Translation } from '../../../lib/i18n/catalog.ts';
import type en from './environment.en.ts';

export default {
  install: '채팅 위젯 설치',
  installHint: "사이트의 모든 페이지에서 <code>'</body>'</code> 앞에 이 코드 조각을 붙여 넣으세요.",
  demo: '데모 페이지에서 사용해 보기 ↗',
  snippet: '삽입 코드',
  pluginKey: '플러그인 키',
  pluginKeyHint:
    '공개 키: 위젯에 이 환경을 알려 줍니다. 교체하면 이전 키가 들어 있는 모든 코드 조각이 작동하지 않습니다.',
  rotateKey: '키 교체',
  identity: '신원 확인',
  identityHint:
    '서버가 로그인한 사용자의 ID에 서명합니다: <code>memberHash</code> = hex HMAC-SHA256(신원 확인 시크릿, <code>memberId</code>). 시크릿은 서버에만 두세요.',
  rotateSecret: '시크릿 교체',
  hide: '숨기기',
  identitySecret: '신원 확인 시크릿',
  revealing: '표시하는 중…',
  reveal: '표시',
  secretManagersOnly: '신원 확인 시크릿은 소유자와 관리자만 볼 수 있습니다.',
  delete: '환경 삭제',
  deleteHint: '플러그인 키, API 키, 웹훅이 즉시 작동을 멈춥니다. 대화는 남습니다.',
  deleteEllipsis: '삭제…',
  rotateKeyTitle: '플러그인 키를 교체할까요?',
  rotateKeyBody:
    '<code>{key}</code>를 쓰는 모든 사이트에서 코드 조각을 바꿀 때까지 위젯이 열리지 않습니다.',
  rotateSecretTitle: '신원 확인 시크릿을 교체할까요?',
  rotateSecretBody:
    '현재 시크릿으로 만든 memberHash는 더 이상 확인되지 않습니다. 바로 서버에 새 시크릿을 넣으세요.',
  deleteTitle: '{name}을(를) 삭제할까요?',
  cannotUndo: '되돌릴 수 없습니다.',
  name: '이름',
  environmentName: '환경 이름',
  rename: '이름 바꾸기',
  originInvalid: '출처를 입력하세요: 경로 없이 http(s)://호스트[:포트]',
  origins: '허용 출처',
  originsSet: '위젯은 이 사이트에서만 열리고 다른 출처는 거부됩니다.',
  originsNone: '설정 없음: 플러그인 키가 있는 모든 사이트에서 위젯이 열립니다.',
  removeOrigin: '{origin} 삭제',
  originToAllow: '허용할 출처',
  add: '추가',
  discard: '되돌리기',
  saveOrigins: '출처 저장',
} satisfies Translation<typeof en>;

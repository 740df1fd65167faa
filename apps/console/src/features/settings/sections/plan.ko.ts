import type { Translation } from '../../../lib/i18n/catalog.ts';
import type en from './plan.en.ts';

export default {
  section: '요금제 및 사용량',
  description:
    '조직의 요금제가 허용하는 한도와 현재 사용량입니다. 요금제는 플랫폼 운영자가 정합니다.',
  noPlan: '요금제 없음: 요금제로 제한되는 항목이 없습니다.',
  planName: '요금제: {name}',
  limitsTitle: '한도',
  featuresTitle: '기능',
  limit:
    '{limit, select, agents {상담원} environments {환경} messagesPerMonth {이번 달 메시지} attachmentBytes {첨부 파일 저장 공간} webhooks {웹훅 엔드포인트} apiKeyRequestsPerSecond {키당 초당 API 요청} sendsPerSecond {초당 메시지} other {{limit}}}',
  usedOf: '{limit} 중 {used}',
  usedUnlimited: '{used} (무제한)',
  rate: '초당 {limit}',
  unlimited: '무제한',
  feature:
    '{feature, select, attachments {첨부 파일} webhooks {웹훅} apiKeys {API 키} sso {싱글 사인온} emailContinuity {이메일 이어 받기} reports {보고서} other {{feature}}}',
  on: '포함',
  off: '포함 안 됨',
  refresh: '사용량 새로 고침',
  limitReached:
    '요금제 한도: {limit, select, agents {상담원 최대 {value, number}명} environments {환경 최대 {value, number}개} webhooks {웹훅 엔드포인트 최대 {value, number}개} attachmentBytes {첨부 파일 최대 {value, number}바이트} messagesPerMonth {월 메시지 최대 {value, number}개} other {{limit} 최대 {value, number}}}.',
  managersOnly: '요금제는 소유자와 관리자만 볼 수 있습니다.',
} satisfies Translation<typeof en>;

import type { Translation } from '../../lib/i18n/catalog.ts';
import type en from './i18n.en.ts';

export default {
  nav: '시스템',
  title: '시스템',
  intro: '이 설치본의 프로세스가 10초마다 보내는 상태와 의존 서비스입니다.',
  loading: '시스템 정보를 불러오는 중',
  failed: '시스템 정보를 읽지 못했습니다.',
  dependencies: '의존 서비스',
  database: '데이터베이스',
  redis: 'Redis',
  noRedis: '사용 안 함 (임베디드 프로필)',
  ok: '응답함',
  down: '응답 없음',
  latency: '{ms}ms',
  processes: '프로세스',
  none: '최근 하루 동안 상태를 보낸 프로세스가 없습니다.',
  up: '실행 중',
  silent: '응답 없음',
  silentHint: '30초 넘게 상태 보고가 없습니다',
  columnsProcess: '프로세스',
  columnsState: '상태',
  columnsVersion: '버전',
  columnsStarted: '시작',
  columnsLastReport: '마지막 보고',
  columnsFigures: '지표',
  role: '{role, select, api {API} realtime {실시간 노드} workers {워커} standalone {단독 실행} other {{role}}}',
  figure:
    '{name, select, rssBytes {메모리} cpuPercent {CPU} sockets {소켓} topics {토픽} requestsPerSecond {초당 요청} serverErrorsPerSecond {초당 5xx} framesInPerSecond {초당 수신 프레임} framesOutPerSecond {초당 송신 프레임} receivedPerSecond {초당 버스 수신} workers {워커} persisterLag {저장 지연} persisterPending {저장 대기} webhookBacklog {웹훅 대기열} storedPerSecond {초당 저장} deliveredPerSecond {초당 웹훅} webhookFailuresPerSecond {초당 웹훅 실패} other {{name}}}',
  problems: '최근 문제 {n}건',
  noProblems: '최근 문제 없음',
} satisfies Translation<typeof en>;

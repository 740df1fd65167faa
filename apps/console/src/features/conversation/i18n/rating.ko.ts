import type { Translation } from '../../../lib/i18n/catalog.ts';
import type en from './rating.en.ts';

export default {
  heading: '만족도',
  none: '아직 평가가 없습니다.',
  noneOpen: '대화를 종료하면 방문자에게 평가를 요청합니다.',
  score: '5점 만점에 {n}점',
  comment: '의견',
  ratedAt: '{when}에 평가함',
  failed: '평가를 불러오지 못했습니다: {message}',
} satisfies Translation<typeof en>;

import { afterAll, expect, test } from 'bun:test';
import { ApiError } from '../api.ts';
import { errorText } from './errors.ts';
import { bootI18n, currentLocale, t } from './index.tsx';

afterAll(() => bootI18n('en'));

test('English keeps the server’s message; Korean says what a known code means', async () => {
  const conflict = new ApiError(409, 'conflict', 'A label named VIP exists');
  const unknown = new ApiError(422, 'oidc_discovery_failed', 'The issuer did not answer');
  await bootI18n('en');
  expect(errorText(conflict)).toBe('A label named VIP exists');
  expect(errorText(new TypeError('Failed to fetch'))).toBe(t('errors.network'));

  await bootI18n('ko');
  expect(currentLocale()).toBe('ko');
  expect(errorText(conflict)).toBe('이미 있는 항목과 충돌합니다.');
  expect(errorText(unknown)).toBe('The issuer did not answer');
  expect(errorText(new TypeError('Failed to fetch'))).toBe(
    '서버에 연결하지 못했습니다. 네트워크 연결을 확인하고 다시 시도하세요.',
  );
  expect(t('inbox.unread', { n: 3 })).toBe('읽지 않음 3개');
});

test("a plan's limit keeps its value in every language", async () => {
  const error = new ApiError(
    402,
    'plan_limit_reached',
    'Your plan allows 3 agents',
    undefined,
    undefined,
    {
      name: 'agents',
      value: 3,
    },
  );
  await bootI18n('en');
  expect(errorText(error)).toBe('Your plan allows 3 agents');
  expect(t('plan.limitReached', { limit: 'environments', value: 1 })).toBe(
    'Your plan allows 1 environment.',
  );
  await bootI18n('ko');
  expect(errorText(error)).toBe('요금제 한도: 상담원 최대 3명.');
});

import { expect, test } from 'bun:test';
import { ConfigError, loadConfig } from './index.ts';

test('webhook and API key limits have working defaults', () => {
  const config = loadConfig({});
  expect(config.webhookRetrySchedule).toEqual([10_000, 60_000, 600_000, 3_600_000, 21_600_000]);
  expect(config.webhookTimeout).toBe(10_000);
  expect(config.webhookDisableAfter).toBe(10);
  expect(config.apiKeyRate).toBe(20);
  expect(config.apiKeyBurst).toBe(100);
});

test('the retry schedule reads durations in ms, s, m, h and d', () => {
  const config = loadConfig({ FLC_WEBHOOK_RETRY_SCHEDULE: '250ms, 2s,1m,1h,1d' });
  expect(config.webhookRetrySchedule).toEqual([250, 2_000, 60_000, 3_600_000, 86_400_000]);
});

test('a schedule it cannot read is reported with the others', () => {
  for (const bad of ['10', '10s,,1m', '0s', 'soon', '1w']) {
    let error: unknown;
    try {
      loadConfig({ FLC_WEBHOOK_RETRY_SCHEDULE: bad, FLC_WEBHOOK_TIMEOUT_MS: '5' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toStartWith('FLC_WEBHOOK_TIMEOUT_MS');
    expect(problems[1]).toStartWith(`FLC_WEBHOOK_RETRY_SCHEDULE must be up to 30 durations`);
  }
});

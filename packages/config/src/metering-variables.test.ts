import { expect, test } from 'bun:test';
import { ConfigError, loadConfig } from './index.ts';

test('usage metering runs every minute by default, closing a day an hour after it ends', () => {
  const config = loadConfig({});
  expect(config.meteringInterval).toBe(60);
  expect(config.meteringGrace).toBe(3_600);
  expect(config.usageWebhookUrl).toBeUndefined();
  expect(loadConfig({ FLC_METERING_INTERVAL: '0' }).meteringInterval).toBe(0);
});

test('the usage webhook needs its secret, and the secret its URL', () => {
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.problems;
    }
  };
  const pairing = 'FLC_USAGE_WEBHOOK_URL and FLC_USAGE_WEBHOOK_SECRET are set together, or neither';
  expect(problemsOf({ FLC_USAGE_WEBHOOK_URL: 'https://billing.example.com/usage' })).toEqual([
    pairing,
  ]);
  expect(problemsOf({ FLC_USAGE_WEBHOOK_SECRET: 'whsec_long_enough_secret' })).toEqual([pairing]);
  expect(
    problemsOf({
      FLC_USAGE_WEBHOOK_URL: 'https://billing.example.com/usage',
      FLC_USAGE_WEBHOOK_SECRET: 'whsec_long_enough_secret',
    }),
  ).toEqual([]);
  expect(problemsOf({ FLC_METERING_INTERVAL: '-1' })[0]).toStartWith('FLC_METERING_INTERVAL');
});

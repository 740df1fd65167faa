import { describe, expect, test } from 'bun:test';
import { ConfigError, configTable, loadConfig, variables } from './index.ts';

describe('loadConfig', () => {
  test('defaults describe the embedded profile', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('./.data');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.webhookAllowPrivate).toBe(false);
  });

  test('parses given values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@localhost:5432/db',
      FLC_WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgres://u:p@localhost:5432/db');
    expect(config.webhookAllowPrivate).toBe(true);
  });

  test('reports every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toContain('PORT');
    expect(problems.join('\n')).toContain('DATABASE_URL');
    expect(problems.join('\n')).toContain('JWT_SECRET');
  });

  test('production requires a JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  test('the README documents every variable', async () => {
    const readme = await Bun.file(new URL('../../../README.md', import.meta.url)).text();
    for (const spec of Object.values(variables)) expect(readme).toContain(`\`${spec.name}\``);
    expect(configTable()).toContain('FLC_DATA_DIR');
  });
});

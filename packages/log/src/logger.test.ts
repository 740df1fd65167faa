import { describe, expect, test } from 'bun:test';
import { createLogger, type LogOptions } from './logger.ts';

function capture(options: Partial<LogOptions> = {}) {
  const lines: string[] = [];
  const log = createLogger({ role: 'api', write: (line) => lines.push(line), ...options });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  test('writes one JSON line with the level, the role and the bound context', () => {
    const { log, parsed } = capture();
    log.child({ requestId: 'r-1', organizationId: 'o-1' }).info({ status: 200 }, 'answered');
    const [line] = parsed();
    expect(line).toMatchObject({
      level: 'info',
      role: 'api',
      requestId: 'r-1',
      organizationId: 'o-1',
      status: 200,
      msg: 'answered',
    });
    expect(typeof line?.time).toBe('string');
  });

  test('prints nothing below its level, and says so before a debug object is built', () => {
    const { log, lines } = capture({ level: 'warn' });
    log.info('not printed');
    log.debug('not printed');
    log.warn('printed');
    expect(lines).toHaveLength(1);
    expect(log.isLevelEnabled('debug')).toBe(false);
  });

  test('redacts credentials and message text at the top, one level down and in headers', () => {
    const { log, lines } = capture({ level: 'debug' });
    log.debug(
      {
        password: 'hunter2-password',
        token: 'tok-secret-1',
        body: 'my private message',
        request: { accessToken: 'tok-secret-2', text: 'private text' },
        headers: { authorization: 'Bearer tok-secret-3', 'x-api-secret': 'tok-secret-4' },
        kept: 'visible',
      },
      'a line',
    );
    const [line = ''] = lines;
    for (const secret of ['hunter2', 'tok-secret', 'private']) expect(line).not.toContain(secret);
    expect(line).toContain('visible');
    expect(line).toContain('[redacted]');
  });

  test('an error keeps its type, message and cause', () => {
    const { log, parsed } = capture();
    log.error({ err: new Error('outer', { cause: new TypeError('inner') }) }, 'failed');
    const err = parsed()[0]?.err as { type: string; message: string; stack: string };
    expect(err.type).toBe('Error');
    expect(err.message).toContain('outer');
    expect(err.stack).toContain('inner');
  });

  test('the pretty form is one line per call', () => {
    const { log, lines } = capture({ format: 'pretty' });
    log.child({ component: 'http' }).warn({ status: 503, route: '/ready' }, 'slow');
    log.error({ err: new Error('outer', { cause: new Error('inner') }) }, 'failed');
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} WARN {2}api\/http slow status=503 route=\/ready\n$/,
    );
    expect(lines[1]).toContain('— Error: outer: inner');
    expect(lines.every((l) => l.indexOf('\n') === l.length - 1)).toBe(true);
  });
});

import { describe, expect, test } from 'bun:test';
import { browserSuiteRuns } from '../../standalone/src/testing/browser.ts';
import { expectAccessible } from './testing/axe.ts';
import { operatorSuite } from './testing/operator-suite.ts';

// The operators' Service health page in Debian's Chromium against the standalone platform
// (embedded): the operator reaches it by keyboard from the console's sections and reads the
// database's state and the standalone process as it reports in, in English and in Korean.

describe.if(browserSuiteRuns('console-operator-health'))('operators’ Service health', () => {
  const suite = operatorSuite('console-operator-health');

  test('the operator reads the processes and the stores, in English and Korean', async () => {
    const { h, rest, email, password } = suite;
    const page = await suite.signIn('health: ');

    const link = page
      .getByRole('navigation', { name: 'Operators’ sections' })
      .getByRole('link', { name: 'Service health' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/view=health$/);
    await page.getByRole('heading', { level: 2, name: 'Service health' }).waitFor();
    expect(await link.getAttribute('aria-current')).toBe('page');
    const check = (name: string) => page.locator('.system-check').filter({ hasText: name });
    await check('Database').getByText('Answers').waitFor();
    await check('Redis').getByText('Not used').waitFor();
    const card = page.getByRole('listitem', { name: /^Standalone/ });
    await card.getByText('Up', { exact: true }).waitFor();
    expect(await card.getByRole('heading', { level: 4 }).count()).toBe(1);
    expect(await card.textContent()).toContain('Memory');
    await expectAccessible(page, 'operator service health');
    await h.screenshot(page, 'operator-health');

    // In Korean: the same page, by the operator's token (kept per tab, as a sign-in leaves it).
    const session = await rest('POST', '/v1/operator/session', { email, password });
    const context = await h.browser.newContext({
      locale: 'ko-KR',
      viewport: { width: 1280, height: 800 },
    });
    await context.addInitScript((token: string) => {
      sessionStorage.setItem(
        'flc.operator',
        JSON.stringify({ token, expiresAt: Date.now() + 600_000 }),
      );
    }, session.body.accessToken);
    const ko = h.track(await context.newPage(), 'ko: ');
    await ko.goto(`${h.platform.url}/operator?view=health`);
    await ko.getByRole('heading', { level: 2, name: '서비스 상태' }).waitFor();
    await ko.locator('.system-process').first().waitFor();
    await expectAccessible(ko, 'operator service health in Korean');
    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});

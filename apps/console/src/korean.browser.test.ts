import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  bootVisitor,
  chatTenant,
  openConversation,
  type Rest,
  restClient,
  visitorSays,
} from '@flc/testkit';
import type { Page } from 'playwright-core';
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { expectAccessible } from './testing/axe.ts';

// The console in Korean, in Debian's Chromium against the standalone platform: a browser whose
// language is Korean gets the Korean catalog on its first paint (sign-in, inbox, a conversation,
// settings, reports), accessible in Korean too; the language select switches it to English in
// place and the choice outlives a reload. Chromium here has no CJK font, so the screenshots may
// draw Korean as boxes: the assertions read the text, not the pixels.

describe.if(browserSuiteRuns('console-korean'))('the console in Korean in Chromium', () => {
  let h: BrowserHarness;
  let rest: Rest;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-korean' });
    rest = restClient(() => h.platform.url);
  }, 120_000);
  afterAll(() => h?.stop());

  async function koreanPage(): Promise<Page> {
    const context = await h.browser.newContext({
      locale: 'ko-KR',
      viewport: { width: 1280, height: 800 },
    });
    return h.track(await context.newPage(), 'ko: ');
  }

  test('a Korean browser gets the console in Korean, and the language select switches it live', async () => {
    const tenant = await chatTenant(rest, { name: '노스윈드' });
    const visitor = await bootVisitor(rest, tenant);
    const conversation = await openConversation(rest, visitor);
    await visitorSays(rest, visitor, conversation.id, '환불은 어떻게 받나요?');

    const page = await koreanPage();
    await page.goto(`${h.platform.url}/login`);
    await page.getByRole('heading', { name: '로그인', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    await page.getByLabel('이메일').fill(tenant.owner.email);
    await page.getByLabel('비밀번호').fill(tenant.owner.password);
    await page.getByRole('button', { name: '로그인', exact: true }).click();
    await page.waitForURL(/\/inbox/);

    // The inbox: its heading, filters and the visitor's conversation, in Korean.
    await page.getByRole('heading', { level: 1, name: '인박스', exact: true }).waitFor();
    const main = page.getByRole('navigation', { name: '주 메뉴' });
    await main.getByRole('link', { name: '설정', exact: true }).waitFor();
    await page.getByRole('button', { name: '진행 중', pressed: true, exact: true }).waitFor();
    await page.getByText('대화를 선택하세요').waitFor();
    await expectAccessible(page, 'the inbox in Korean');
    await h.screenshot(page, 'console-ko');

    // A conversation: named "…님과의 대화", its composer and actions in Korean.
    await page.getByRole('list', { name: '대화 목록' }).getByRole('link').first().click();
    const conversationPane = page.getByRole('region', { name: /님과의 대화$/ });
    await conversationPane.getByRole('log').getByText('환불은 어떻게 받나요?').waitFor();
    await conversationPane.getByRole('textbox', { name: '답장' }).waitFor();
    await conversationPane.getByRole('button', { name: '종료', exact: true }).waitFor();
    await expectAccessible(page, 'a conversation in Korean');
    await h.screenshot(page, 'console-ko-conversation');

    // Settings and Reports.
    await main.getByRole('link', { name: '설정', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '설정', exact: true }).waitFor();
    await page
      .getByRole('navigation', { name: '설정' })
      .getByRole('link', { name: '환경', exact: true })
      .click();
    await page.getByRole('heading', { name: '채팅 위젯 설치', exact: true }).waitFor();
    await expectAccessible(page, 'settings in Korean');
    await h.screenshot(page, 'console-ko-settings');
    await main.getByRole('link', { name: '리포트', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '리포트', exact: true }).waitFor();
    await page.getByRole('button', { name: '보기', exact: true }).waitFor();
    await expectAccessible(page, 'reports in Korean');
    await h.screenshot(page, 'console-ko-reports');

    // The language select: English at once, in the same document, and still after a reload.
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    await page.getByLabel('언어').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Reports', exact: true }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Inbox/ })
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(
      await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBe(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Reports', exact: true }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('flc.console.locale'))).toBe('en');
    await page.getByLabel('Language').selectOption('ko');
    await page.getByRole('heading', { level: 1, name: '리포트', exact: true }).waitFor();
    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});

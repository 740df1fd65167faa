import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { chatTenant, restClient } from '@flc/testkit';
// By path, not as a package (see settings.browser.test.ts).
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { expectAccessible } from './testing/axe.ts';

// The environment's widget language in Settings, in Debian's Chromium: an owner picks Arabic by
// keyboard, the environment keeps it, and a visitor with an English browser gets the widget in
// Arabic, right to left. Checked with axe-core.

describe.if(browserSuiteRuns('console-widget-language'))('widget language card in Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-widget-language' });
  }, 120_000);
  afterAll(() => h?.stop());

  test('an owner picks the language; the widget speaks it to an English browser', async () => {
    const rest = restClient(() => h.platform.url);
    const tenant = await chatTenant(rest, { name: 'Souk' });
    const page = await h.signedIn(tenant.owner, `/settings/environments?env=${tenant.env.id}`);
    const card = page.locator('section.card', { hasText: 'Widget language' });
    const select = card.getByLabel('Language');
    await select.waitFor();
    expect(await select.inputValue()).toBe('auto');
    await select.selectOption('ar');
    await card.getByRole('status').getByText('Saved').waitFor();
    await expectAccessible(page, 'the widget language card');
    await card.scrollIntoViewIfNeeded();
    await h.screenshot(page, 'console-widget-language');
    const saved = await rest(
      'GET',
      `/v1/environments/${tenant.env.id}`,
      undefined,
      tenant.ownerAuth,
    );
    expect(saved.body.widgetLanguage).toBe('ar');

    const visitor = await h.browser.newContext({ locale: 'en-US' });
    const widget = h.track(await visitor.newPage(), 'widget: ');
    await widget.goto(`${h.platform.url}/demo?pluginKey=${tenant.env.pluginKey}`);
    await widget.getByRole('button', { name: 'فتح المحادثة' }).waitFor();
    expect(await widget.locator('[data-flc-widget] .w').getAttribute('dir')).toBe('rtl');
    await visitor.close();
    expect(h.pageErrors).toEqual([]);
  }, 60_000);
});

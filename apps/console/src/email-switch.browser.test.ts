import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { bootVisitor, chatTenant, restClient } from '@flc/testkit';
// By path, not as a package (see settings.browser.test.ts).
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { expectAccessible } from './testing/axe.ts';

// The per-environment email switch as an owner and a visitor see it, in Debian's Chromium: the
// owner turns email replies off in Settings by keyboard; then the widget of a visitor who finds
// nobody online asks for no email and promises none; on again, it asks. Checked with axe-core.

describe.if(browserSuiteRuns('console-email-switch'))('email replies switch in Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-email-switch' });
  }, 120_000);
  afterAll(() => h?.stop());

  test('off in Settings, the away widget asks for no email; on again, it asks', async () => {
    const rest = restClient(() => h.platform.url);
    const tenant = await chatTenant(rest, { name: 'Quiet Co' });
    const page = await h.signedIn(tenant.owner, `/settings/environments?env=${tenant.env.id}`);
    const card = page.locator('section.card', { hasText: 'Email replies' });
    const toggle = card.getByLabel('Answer visitors by email');
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(true);
    await toggle.focus();
    await page.keyboard.press('Space');
    await card.getByRole('status').getByText('Email replies are off').waitFor();
    await card.getByText('No reply is mailed, and the widget asks nobody for an email.').waitFor();
    await expectAccessible(page, 'the email replies card, off');
    await h.screenshot(page, 'console-email-switch-off');
    const saved = await rest(
      'GET',
      `/v1/environments/${tenant.env.id}/email-continuity`,
      undefined,
      tenant.ownerAuth,
    );
    expect(saved.body.enabled).toBe(false);
    // The owner leaves: nobody is online for the visitor.
    await page.context().close();
    await awaitNobodyOnline();

    const widgetOf = async () => {
      const visitor = await h.browser.newContext({ locale: 'en-US' });
      const widget = h.track(await visitor.newPage(), 'widget: ');
      await widget.goto(`${h.platform.url}/demo?pluginKey=${tenant.env.pluginKey}`);
      await widget.getByRole('button', { name: 'Open chat' }).press('Enter');
      await widget.getByRole('textbox', { name: 'Write a message…' }).waitFor();
      return { visitor, widget };
    };
    const off = await widgetOf();
    await off.widget.getByText("We're away right now — we'll reply here when we're back").waitFor();
    expect(await off.widget.getByLabel('Your email').count()).toBe(0);
    await off.visitor.close();

    const on = await rest(
      'PUT',
      `/v1/environments/${tenant.env.id}/email-continuity`,
      { enabled: true },
      tenant.ownerAuth,
    );
    expect(on.status).toBe(200);
    const back = await widgetOf();
    await back.widget.getByLabel('Your email').waitFor();
    await back.widget.getByText("leave your email and we'll reply by email").waitFor();
    await back.visitor.close();

    /** Presence follows the console's socket closing; the boot says when it has. */
    async function awaitNobodyOnline() {
      for (let i = 0; i < 100; i++) {
        const booted = await bootVisitor(rest, tenant);
        if (
          (booted as unknown as { availability: { state: string } }).availability.state !== 'online'
        ) {
          return;
        }
        await Bun.sleep(50);
      }
      throw new Error('the owner still shows online');
    }
  }, 60_000);
});

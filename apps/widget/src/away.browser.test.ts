import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type ChatTenant, chatTenant, restClient } from '@flc/testkit';
// By path, not as a package: @flc/standalone depends on this package (it serves widget.js).
import { expectAccessible } from '../../console/src/testing/axe.ts';
import type { Standalone } from '../../standalone/src/index.ts';
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';

// The widget outside business hours in Debian's Chromium on /demo of the standalone platform,
// with no agent online: the header says until when, the visitor leaves an email (a bad one
// refused and announced), writes, and gets the away message once; the header follows an agent
// signing in and out live; an environment that hides the widget while closed shows no launcher.
const AWAY = 'Thanks for writing! We are closed and will answer by email.';
const allDay = [{ start: '00:00', end: '24:00' }];
const everyDay = {
  mon: allDay,
  tue: allDay,
  wed: allDay,
  thu: allDay,
  fri: allDay,
  sat: allDay,
  sun: allDay,
};
const day = (offset: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

describe.if(browserSuiteRuns('widget-away'))('the widget outside business hours', () => {
  let h: BrowserHarness;
  let platform: Standalone;
  const call = restClient(() => platform.url);

  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'widget-away' });
    platform = h.platform;
  }, 60_000);
  afterAll(() => h?.stop());

  /** Closed today and tomorrow (UTC): open again the day after at midnight. */
  async function closedTenant(over: Record<string, unknown> = {}): Promise<ChatTenant> {
    const tenant = await chatTenant(call, { name: 'Away Co' });
    const res = await call(
      'PUT',
      `/v1/environments/${tenant.env.id}/business-hours`,
      {
        enabled: true,
        timeZone: 'UTC',
        weekly: everyDay,
        holidays: [day(0), day(1)],
        hideOutsideHours: false,
        awayMessage: AWAY,
        replyTimeMinutes: 10,
        ...over,
      },
      tenant.ownerAuth,
    );
    expect(res.status).toBe(200);
    return tenant;
  }

  test('closed: until when, an email field by keyboard, the away message once', async () => {
    const tenant = await closedTenant();
    const context = await h.browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    const page = h.track(await context.newPage());
    await page.goto(`${platform.url}/demo?pluginKey=${tenant.env.pluginKey}`);
    await page.getByRole('button', { name: 'Open chat' }).press('Enter');

    const reopens = new Date(`${day(2)}T00:00:00Z`).toLocaleString('en-US', {
      timeZone: 'UTC',
      weekday: 'long',
      hour: 'numeric',
      minute: '2-digit',
    });
    await page.getByRole('dialog').getByText(`We're away until ${reopens}`).waitFor();

    // A bad address is refused before it leaves, the fault announced and tied to the field.
    const email = page.getByLabel('Your email');
    await email.focus();
    await page.keyboard.type('ada@nowhere');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('Please enter a valid email address').waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(
      await email.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
    ).toBe(true);
    await expectAccessible(page, 'email field with its fault', 'serious');

    await email.fill('ada@example.com');
    await h.screenshot(page, 'widget-away');
    await email.press('Enter');
    await page.getByRole('status').getByText("Thanks! We'll reply to ada@example.com.").waitFor();

    // The visitor writes twice: one away message, after the first, in the environment's name.
    const composer = page.getByRole('textbox', { name: 'Write a message…' });
    await composer.fill('Is my order shipped?');
    await composer.press('Enter');
    const log = page.getByRole('log');
    await log.getByText(AWAY).waitFor();
    await composer.fill('Order 1234');
    await composer.press('Enter');
    await log.locator('.m.mine:not(.sending)', { hasText: 'Order 1234' }).waitFor();
    await expectAccessible(page, 'away widget with the away message', 'serious');
    await h.screenshot(page, 'widget-away-reply');

    const list = await call('GET', '/v1/conversations', undefined, tenant.ownerAuth);
    const conversation = list.body.items[0];
    const contact = await call(
      'GET',
      `/v1/contacts/${conversation.contact.id}`,
      undefined,
      tenant.ownerAuth,
    );
    expect(contact.body.email).toBe('ada@example.com');
    const history = await call(
      'GET',
      `/v1/conversations/${conversation.id}/messages`,
      undefined,
      tenant.ownerAuth,
    );
    expect(history.body.items.map((m: { sender: { type: string } }) => m.sender.type)).toEqual([
      'visitor',
      'system',
      'visitor',
    ]);
    expect(await log.getByText(AWAY).count()).toBe(1);
    await context.close();
  });

  test('Korean, within hours but nobody online: away, asks for the email', async () => {
    const tenant = await closedTenant({ holidays: [] });
    const context = await h.browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
    const page = h.track(await context.newPage());
    await page.goto(`${platform.url}/demo?pluginKey=${tenant.env.pluginKey}`);
    await page.getByRole('button', { name: '채팅 열기' }).press('Enter');
    await page
      .getByRole('dialog')
      .getByText('지금은 자리에 없어요 — 이메일을 남겨 주시면 이메일로 답변해 드릴게요')
      .waitFor();
    await page.getByLabel('이메일').waitFor();
    await context.close();
  });

  test('the header and the email ask follow an agent signing in and out, without a reload', async () => {
    // Within hours (no holiday), nobody online: away, with the email asked for.
    const tenant = await closedTenant({ holidays: [] });
    const context = await h.browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    const page = h.track(await context.newPage());
    await page.goto(`${platform.url}/demo?pluginKey=${tenant.env.pluginKey}`);
    await page.getByRole('button', { name: 'Open chat' }).press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog
      .getByText("We're away right now — leave your email and we'll reply by email")
      .waitFor();
    await page.getByLabel('Your email').waitFor();

    // The agent signs in to the console: the widget says how soon they answer, asks no email.
    const agentPage = await h.signedIn(tenant.owner, '/inbox', 'console: ');
    await dialog.getByText('We usually reply in 10 minutes').waitFor();
    await page.getByLabel('Your email').waitFor({ state: 'detached' });
    await expectAccessible(page, 'widget with an agent online', 'serious');
    await h.screenshot(page, 'widget-agent-online');

    // The agent's last tab closes: away again, and the email is asked for again.
    await agentPage.context().close();
    await dialog
      .getByText("We're away right now — leave your email and we'll reply by email")
      .waitFor();
    await page.getByLabel('Your email').waitFor();
    await context.close();
  });

  test('an environment that hides the widget while closed shows no launcher', async () => {
    const tenant = await closedTenant({ hideOutsideHours: true });
    const context = await h.browser.newContext({ locale: 'en-US' });
    const page = h.track(await context.newPage());
    await page.goto(`${platform.url}/demo?pluginKey=${tenant.env.pluginKey}`);
    await page.waitForFunction(
      () =>
        (
          document
            .querySelector('[data-flc-widget]')
            ?.shadowRoot?.querySelector('.w') as HTMLElement | null
        )?.hidden === true,
    );
    expect(await page.getByRole('button', { name: 'Open chat' }).isVisible()).toBe(false);
    await context.close();
  });
});

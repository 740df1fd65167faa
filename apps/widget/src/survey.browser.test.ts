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

// The widget's pre-chat form and rating prompt in Debian's Chromium on /demo of the standalone
// platform: the visitor answers the form (its faults announced next to the fields), chats, the
// agent closes the conversation, and the widget asks for a rating live, answered by keyboard.

describe.if(browserSuiteRuns('widget-survey'))('pre-chat form and rating in the widget', () => {
  let h: BrowserHarness;
  let platform: Standalone;
  let tenant: ChatTenant;
  const call = restClient(() => platform.url);

  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'widget-survey' });
    platform = h.platform;
    tenant = await chatTenant(call, { name: 'Survey Co' });
    const form = await call(
      'PUT',
      `/v1/environments/${tenant.env.id}/pre-chat-form`,
      {
        enabled: true,
        intro: 'Tell us a little about you.',
        fields: [
          { key: 'name', label: 'Your name', type: 'text', required: true },
          { key: 'email', label: 'Email', type: 'email', required: true },
          {
            key: 'topic',
            label: 'Topic',
            type: 'select',
            required: true,
            options: ['Sales', 'Help'],
          },
        ],
        csatEnabled: true,
      },
      tenant.ownerAuth,
    );
    expect(form.status).toBe(200);
  }, 60_000);
  afterAll(() => h?.stop());

  /** axe-core on the whole page: the demo page and the widget with its form or prompt. */
  test('answer the form, chat, get closed, rate by keyboard; the team reads the rating', async () => {
    const context = await h.browser.newContext({ locale: 'en-US' });
    const page = h.track(await context.newPage());
    await page.goto(`${platform.url}/demo?pluginKey=${tenant.env.pluginKey}`);
    await page.getByRole('button', { name: 'Open chat' }).press('Enter');

    const form = page.getByRole('form', { name: 'Before we start' });
    await form.waitFor();
    await form.getByText('Tell us a little about you.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Write a message…' }).isVisible()).toBe(false);

    // A bad address and no topic: the server's faults show next to their fields, announced.
    await form.getByLabel('Your name').fill('Grace');
    await form.getByLabel('Email').fill('grace@nowhere');
    await form.getByRole('button', { name: 'Start chat' }).press('Enter');
    await form.getByRole('alert').getByText('Please fix 2 highlighted fields.').waitFor();
    expect(await form.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await form.getByText('Not an email address.').waitFor();
    // The first field at fault has the focus.
    expect(
      await form
        .getByLabel('Email')
        .evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
    ).toBe(true);
    await expectAccessible(page, 'pre-chat form with errors', 'serious');

    await form.getByLabel('Email').fill('grace@example.com');
    await form.getByLabel('Topic').selectOption('Help');
    await h.screenshot(page, 'widget-prechat');
    await form.getByRole('button', { name: 'Start chat' }).click();
    const composer = page.getByRole('textbox', { name: 'Write a message…' });
    await composer.waitFor();
    await form.waitFor({ state: 'detached' });

    await composer.fill('Where is my parcel?');
    await composer.press('Enter');
    await page.getByRole('log').locator('.m.mine:not(.sending)', { hasText: 'parcel' }).waitFor();

    // The contact holds the answers.
    const list = await call('GET', '/v1/conversations', undefined, tenant.ownerAuth);
    const conversation = list.body.items[0];
    expect(conversation.contact.name).toBe('Grace');
    const contact = await call(
      'GET',
      `/v1/contacts/${conversation.contact.id}`,
      undefined,
      tenant.ownerAuth,
    );
    expect(contact.body).toMatchObject({
      email: 'grace@example.com',
      attributes: { topic: 'Help' },
    });

    // The agent closes it: the widget asks for a rating, live.
    const closed = await call(
      'PATCH',
      `/v1/conversations/${conversation.id}`,
      { status: 'closed' },
      tenant.ownerAuth,
    );
    expect(closed.status).toBe(200);
    const rating = page.getByRole('form', { name: 'How was this conversation?' });
    await rating.waitFor();
    // By keyboard: focus the first star, arrow to the fourth, comment, send.
    await rating.getByRole('radio', { name: '1 of 5 stars' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await rating.getByRole('radio', { name: '4 of 5 stars' }).isChecked()).toBe(true);
    await rating.getByLabel('Anything to add? (optional)').fill('Quick and kind');
    await expectAccessible(page, 'rating prompt', 'serious');
    await h.screenshot(page, 'widget-rating');
    await rating.getByRole('button', { name: 'Send rating' }).press('Enter');
    await page.getByRole('status').filter({ hasText: 'Thank you for your rating!' }).waitFor();

    const read = await call(
      'GET',
      `/v1/conversations/${conversation.id}`,
      undefined,
      tenant.ownerAuth,
    );
    expect(read.body.rating).toMatchObject({ score: 4, comment: 'Quick and kind' });
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  bearer,
  bootVisitor,
  chatTenant,
  openConversation,
  type Rest,
  restClient,
  visitorSays,
} from '@flc/testkit';
// By path, not as a package: @flc/standalone depends on this package (see settings.browser.test).
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { expectAccessible } from './testing/axe.ts';

// The pre-chat form editor and the satisfaction rating in Debian's Chromium against the
// standalone platform: an owner builds a form by keyboard (add, reorder, remove, the rating
// switch) and saves it; a visitor answers it and rates the closed conversation; the conversation's
// side panel shows the rating in words. Every screen is checked with axe-core.

describe.if(browserSuiteRuns('console-prechat'))('pre-chat form and rating in Chromium', () => {
  let h: BrowserHarness;
  let rest: Rest;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-prechat' });
    rest = restClient(() => h.platform.url);
  }, 120_000);
  afterAll(() => h?.stop());

  test('an owner builds the form by keyboard; the visitor answers and rates; the rating shows', async () => {
    const tenant = await chatTenant(rest, { name: 'Prechat Co' });
    const page = await h.signedIn(tenant.owner, `/settings/environments?env=${tenant.env.id}`);
    const card = page.locator('section.card', { hasText: 'Pre-chat form and rating' });
    await card.getByText('No fields yet').waitFor();

    // Switches and fields, by keyboard: Space ticks, Enter presses.
    await card.getByLabel('Show the pre-chat form').focus();
    await page.keyboard.press('Space');
    await card.getByLabel('Ask for a satisfaction rating when a conversation closes').check();
    await card.getByLabel('Intro text').fill('Tell us who you are');
    await card.getByRole('button', { name: 'Add email' }).focus();
    await page.keyboard.press('Enter');
    await card.getByRole('button', { name: 'Add name' }).focus();
    await page.keyboard.press('Enter');
    await card.getByRole('button', { name: 'Add field' }).click();
    const third = card.getByRole('group', { name: /^Field 3/ });
    await third.getByLabel('Label').fill('Topic');
    await third.getByLabel('Key').fill('topic');
    await third.getByLabel('Type').selectOption('select');
    await third.getByLabel('Choices (one per line)').fill('Sales\nHelp\n');
    await third.getByLabel('Required').check();
    await card.getByRole('button', { name: 'Add field' }).click();
    await card
      .getByRole('button', { name: /^Remove/ })
      .last()
      .click();

    // Name first: move it up by keyboard; the move is announced and focus stays on the button.
    await card.getByRole('button', { name: 'Move Name up' }).focus();
    await page.keyboard.press('Enter');
    await card.getByRole('status').getByText('Name moved to position 1').waitFor();
    await card.getByRole('group', { name: 'Field 1: Name' }).waitFor();
    await expectAccessible(page, 'pre-chat editor');
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByRole('status').getByText('Saved').waitFor();
    await h.screenshot(page, 'prechat-settings');

    const saved = await rest(
      'GET',
      `/v1/environments/${tenant.env.id}/pre-chat-form`,
      undefined,
      tenant.ownerAuth,
    );
    expect(saved.body).toMatchObject({
      enabled: true,
      csatEnabled: true,
      intro: 'Tell us who you are',
      fields: [
        { key: 'name', type: 'text', required: true },
        { key: 'email', type: 'email', required: true },
        { key: 'topic', type: 'select', required: true, options: ['Sales', 'Help'] },
      ],
    });

    // A visitor answers, writes, the conversation is closed and rated.
    const v = await bootVisitor(rest, tenant);
    const answered = await rest(
      'POST',
      '/v1/widget/pre-chat',
      { values: { name: 'Grace', email: 'grace@example.com', topic: 'Help' } },
      bearer(v.sessionToken),
    );
    expect(answered.status).toBe(200);
    const chat = await openConversation(rest, v);
    await visitorSays(rest, v, chat.id, 'My parcel is late');
    await rest('PATCH', `/v1/conversations/${chat.id}`, { status: 'closed' }, tenant.ownerAuth);
    const rated = await rest(
      'POST',
      `/v1/widget/conversations/${chat.id}/rating`,
      { score: 4, comment: 'Quick and kind' },
      bearer(v.sessionToken),
    );
    expect(rated.status).toBe(200);

    const inbox = await h.signedIn(tenant.owner, `/inbox/${chat.id}?status=closed`);
    const satisfaction = inbox.getByRole('region', { name: 'Satisfaction' });
    await satisfaction.getByText('Rated 4 out of 5').waitFor();
    await satisfaction.getByText('Quick and kind').waitFor();
    await expectAccessible(inbox, 'conversation with a rating');
    await h.screenshot(inbox, 'console-rating');
  });
});

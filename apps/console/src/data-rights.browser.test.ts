import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
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
import { axeViolations } from './testing/axe.ts';

// A person's data rights from the conversation's contact panel, in Chromium, by keyboard: the
// owner exports everything about the contact (a JSON download holding its messages), then
// erases the contact after confirming; the console goes back to the inbox and the API knows
// neither the contact nor its conversation any more.

describe.if(browserSuiteRuns('console-data-rights'))('contact data rights in Chromium', () => {
  let h: BrowserHarness;
  let rest: Rest;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-data-rights' });
    rest = restClient(() => h.platform.url);
  }, 120_000);
  afterAll(() => h?.stop());

  test('export the contact’s data, then erase the contact, by keyboard', async () => {
    const tenant = await chatTenant(rest, { name: 'Rights Co' });
    const visitor = await bootVisitor(rest, tenant);
    const chat = await openConversation(rest, visitor);
    await visitorSays(rest, visitor, chat.id, 'Please delete my data');
    const page = await h.signedIn(tenant.owner, `/inbox/${chat.id}`, 'data rights: ');
    const panel = page.getByRole('complementary', { name: 'Contact' });
    const exportButton = panel.getByRole('button', { name: 'Export data' });
    await exportButton.waitFor();
    const found = (await axeViolations(page)).map((v) => `${v.id}: ${v.targets.join(', ')}`);
    expect(found).toEqual([]);
    await h.screenshot(page, 'contact-data-rights');

    await exportButton.focus();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    expect(download.suggestedFilename()).toBe(`contact-${visitor.contact.id}.json`);
    const exported = JSON.parse(await Bun.file((await download.path()) ?? '').text());
    expect(exported.messages.map((m: { body: string }) => m.body)).toEqual([
      'Please delete my data',
    ]);

    await panel.getByRole('button', { name: 'Erase contact…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^Erase / });
    await dialog.waitFor();
    await h.screenshot(page, 'contact-erase-confirm');
    await dialog.getByRole('button', { name: 'Erase everything' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/inbox');
    const contact = await rest(
      'GET',
      `/v1/contacts/${visitor.contact.id}`,
      undefined,
      tenant.ownerAuth,
    );
    expect(contact.status).toBe(404);
    const conversation = await rest(
      'GET',
      `/v1/conversations/${chat.id}`,
      undefined,
      tenant.ownerAuth,
    );
    expect(conversation.status).toBe(404);
  });
});

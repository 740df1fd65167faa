import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  bearer,
  bootVisitor,
  chatTenant,
  openConversation,
  restClient,
  visitorSays,
} from '@flc/testkit';
import type { Page } from 'playwright-core';
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { axeViolations } from './testing/axe.ts';

// Canned responses in Debian's Chromium against the standalone platform: an owner saves
// responses in Settings, then answers a visitor by typing `/` in the reply box and choosing one
// with the keyboard alone; the variables are filled in, the text is sent as a message. Every
// screen and the open picker are checked with axe-core (WCAG 2.1 AA).

describe.if(browserSuiteRuns('console'))('canned responses in Chromium', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-canned' });
  }, 120_000);
  afterAll(() => h?.stop());

  async function accessible(page: Page, name: string): Promise<void> {
    expect({ name, violations: await axeViolations(page) }).toEqual({ name, violations: [] });
    await h.screenshot(page, `canned-${name}`);
  }
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName}:${el.getAttribute('aria-label') ?? el.textContent}` : '';
    });

  test('save responses in settings, insert one with /shortcut by keyboard, send it', async () => {
    const origin = h.platform.url;
    const rest = restClient(() => origin);
    const tenant = await chatTenant(rest, { name: 'Acme Support' });
    const me = (await rest('GET', '/v1/me', undefined, tenant.ownerAuth)).body;
    const visitor = await bootVisitor(rest, tenant, {
      profile: { name: 'Grace Hopper', email: 'grace@example.com' },
    });
    const conversation = await openConversation(rest, visitor);
    await visitorSays(rest, visitor, conversation.id, 'Hello, anyone there?');

    const page = await h.page();
    await page.goto(`${origin}/login`);
    await page.getByLabel('Email').fill(tenant.owner.email);
    await page.getByLabel('Password').fill(tenant.owner.password);
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL(/\/inbox/);

    // Settings → Canned responses: nothing yet.
    await page.goto(`${origin}/settings/canned-responses`);
    await page.getByRole('heading', { level: 2, name: 'Canned responses' }).waitFor();
    await page.getByText('No organization-wide responses yet').waitFor();
    await accessible(page, 'settings-empty');

    // A new organization-wide response, by keyboard: an unknown variable is refused first.
    const dialog = page.getByRole('dialog');
    const save = async () => {
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('BUTTON:Save');
      await page.keyboard.press('Enter');
    };
    await page.getByRole('button', { name: 'New organization-wide response' }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByLabel('Shortcut').waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
    await page.keyboard.type('greet');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Greeting');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Hi {{contact.name|there}}, call {{contact.phone}}');
    await save();
    await dialog.getByText('Unknown variables: {{contact.phone}}').waitFor();
    const body = dialog.getByLabel('Text');
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    await accessible(page, 'settings-invalid');
    await body.focus();
    await page.keyboard.press('ControlOrMeta+a');
    const greeting =
      'Hi {{contact.name|there}}, this is {{agent.name}} from {{organization.name}}. How can I help?';
    await page.keyboard.type(greeting);
    await save();
    await dialog.waitFor({ state: 'detached' });
    const organizationList = page.getByRole('list', { name: 'Organization-wide responses' });
    await organizationList.getByText('/greet').waitFor();
    await organizationList.getByText(greeting).waitFor();

    // The same shortcut in another case is taken (the API's 409, at the field); another is not.
    await page.getByRole('button', { name: 'New organization-wide response' }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByLabel('Shortcut').waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
    await page.keyboard.type('GREET');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Goodbye');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Bye {{contact.name}}!');
    await save();
    await dialog.getByText(/^The shortcut \/GREET is taken/).waitFor();
    await dialog.getByLabel('Shortcut').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('goodbye');
    await page.keyboard.press('Enter'); // submits the form from a field
    await dialog.waitFor({ state: 'detached' });
    await organizationList.getByText('/goodbye').waitFor();

    // A personal one.
    await page.getByRole('button', { name: 'New personal response' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
    await page.keyboard.type('gift');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Gift card');
    await page.keyboard.press('Tab');
    await page.keyboard.type('A gift card is on its way to {{contact.email}}.');
    await save();
    await page.getByRole('list', { name: 'Personal responses' }).getByText('/gift').waitFor();

    // Edit: the dialog opens on the saved values.
    await page.getByRole('button', { name: 'Edit /goodbye' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Edit /goodbye' }).waitFor();
    expect(await dialog.getByLabel('Text').inputValue()).toBe('Bye {{contact.name}}!');
    await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Farewell');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await organizationList.getByText('Farewell').waitFor();
    await accessible(page, 'settings');

    // A plain agent reads the organization's responses, keeps personal ones, edits no others.
    const invite = await rest(
      'POST',
      '/v1/agents',
      { email: `agent-${crypto.randomUUID()}@example.com`, name: 'Alan Agent', role: 'agent' },
      tenant.ownerAuth,
    );
    const joined = await rest('POST', '/v1/auth/accept-invite', {
      token: invite.body.inviteToken,
      password: 'correct horse battery staple',
    });
    expect(joined.status).toBe(200);
    const agentPage = h.track(await (await h.browser.newContext({ locale: 'en-US' })).newPage());
    await agentPage.goto(`${origin}/login`);
    await agentPage.getByLabel('Email').fill(invite.body.agent.email);
    await agentPage.getByLabel('Password').fill('correct horse battery staple');
    await agentPage.getByLabel('Password').press('Enter');
    await agentPage.waitForURL(/\/inbox/);
    await agentPage.goto(`${origin}/settings/canned-responses`);
    const theirList = agentPage.getByRole('list', { name: 'Organization-wide responses' });
    await theirList.getByText('/greet').waitFor();
    await agentPage.getByText('Owners and admins change these.', { exact: false }).waitFor();
    expect(await theirList.getByRole('button').count()).toBe(0);
    expect(await agentPage.getByRole('button', { name: /^New organization-wide/ }).count()).toBe(0);
    await agentPage.getByText('No personal responses yet').waitFor(); // the owner's /gift is not here
    await agentPage.getByRole('button', { name: 'New personal response' }).waitFor();
    await agentPage.context().close();

    // The conversation: `r` focuses the reply box; `/g` opens the picker on three responses.
    await page.goto(`${origin}/inbox/${conversation.id}`);
    const region = page.getByRole('region', { name: 'Conversation with Grace Hopper' });
    await region.getByText('Hello, anyone there?').waitFor();
    await page.keyboard.press('r');
    const composer = region.getByRole('textbox', { name: 'Reply' });
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('aria-label') === 'Reply',
    );
    await page.keyboard.type('/g');
    const listbox = page.getByRole('listbox', { name: 'Canned responses' });
    await listbox.waitFor();
    const options = listbox.getByRole('option');
    expect(await options.allTextContents()).toEqual([
      '/giftGift cardpersonalA gift card is on its way to grace@example.com.',
      '/goodbyeFarewellBye Grace Hopper!',
      `/greetGreetingHi Grace Hopper, this is ${me.agent.name} from Acme Support. How can I help?`,
    ]);
    const active = async () => {
      const id = await composer.getAttribute('aria-activedescendant');
      const selected = listbox.locator('[aria-selected="true"]');
      expect(await selected.getAttribute('id')).toBe(id);
      return (await selected.locator('code').textContent()) ?? '';
    };
    expect(await composer.getAttribute('aria-controls')).toBe(await listbox.getAttribute('id'));
    expect(await active()).toBe('/gift');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await active()).toBe('/greet');
    await page.keyboard.press('ArrowDown'); // wraps around
    expect(await active()).toBe('/gift');
    await page.keyboard.press('ArrowUp');
    expect(await active()).toBe('/greet');
    await accessible(page, 'picker');
    await page.keyboard.type('r'); // `/gr`: the list narrows, the reply box keeps the keys
    expect(await options.count()).toBe(1);
    expect(await active()).toBe('/greet');

    // Enter inserts the rendered text in place of `/gr` (and does not send).
    await page.keyboard.press('Enter');
    await listbox.waitFor({ state: 'detached' });
    const rendered = `Hi Grace Hopper, this is ${me.agent.name} from Acme Support. How can I help?`;
    expect(await composer.inputValue()).toBe(rendered);
    expect(await composer.getAttribute('aria-activedescendant')).toBeNull();

    // Escape closes the picker only: the reply box keeps the focus and the text, and the word
    // stays plain text as it grows. A `/` typed anew opens it again; Tab inserts.
    await page.keyboard.type(' /goo');
    await listbox.waitFor();
    await page.keyboard.press('Escape');
    await listbox.waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('TEXTAREA:Reply');
    expect(await composer.inputValue()).toBe(`${rendered} /goo`);
    await page.keyboard.type('d');
    expect(await composer.inputValue()).toBe(`${rendered} /good`);
    expect(await listbox.count()).toBe(0);
    for (const _ of '/good') await page.keyboard.press('Backspace');
    await page.keyboard.type('/good');
    await listbox.waitFor();
    expect(await active()).toBe('/goodbye');
    await page.keyboard.press('Tab');
    expect(await composer.inputValue()).toBe(`${rendered} Bye Grace Hopper!`);
    expect(await focused(page)).toBe('TEXTAREA:Reply');

    // Enter sends what the reply box holds, as an ordinary message.
    await page.keyboard.press('Enter');
    const sent = `${rendered} Bye Grace Hopper!`;
    await region.locator('.msg-out[data-seq]', { hasText: sent }).waitFor();
    expect(await composer.inputValue()).toBe('');
    const history = await rest(
      'GET',
      `/v1/conversations/${conversation.id}/messages?limit=100`,
      undefined,
      bearer(tenant.owner.accessToken),
    );
    expect(history.body.items.map((m: { body: string }) => m.body)).toEqual([
      'Hello, anyone there?',
      sent,
    ]);

    // The mouse picks too; a slash inside a word opens nothing.
    await page.keyboard.type('See https://example.com/');
    expect(await listbox.count()).toBe(0);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('/gi');
    await listbox.getByRole('option', { name: /Gift card/ }).click();
    expect(await composer.inputValue()).toBe('A gift card is on its way to grace@example.com.');
    expect(await focused(page)).toBe('TEXTAREA:Reply');

    // Delete, after asking.
    await page.goto(`${origin}/settings/canned-responses`);
    await page.getByRole('button', { name: 'Delete /gift' }).focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: 'Delete /gift?' });
    await confirm.getByRole('button', { name: 'Delete response' }).focus();
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('No personal responses yet').waitFor();
    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});

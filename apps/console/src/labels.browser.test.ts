import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  bearer,
  bootVisitor,
  type ChatTenant,
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

// Labels in Debian's Chromium against the standalone platform: an owner creates a label in
// Settings → Labels, puts it on a conversation with the keyboard alone (the `l` shortcut, the
// combobox, Enter, Esc), a teammate's inbox shows the chip live and filters by it (kept in the
// URL), and the contact panel labels the contact. Every screen is checked with axe-core.

describe.if(browserSuiteRuns('console-labels'))('console labels in Chromium', () => {
  let h: BrowserHarness;
  let rest: Rest;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-labels' });
    rest = restClient(() => h.platform.url);
  }, 120_000);
  afterAll(() => h?.stop());

  /** A browser page signed in with these tokens, at `path`. */
  const signedIn = (tokens: { accessToken: string; refreshToken: string }, path: string) =>
    h.signedIn(tokens, path, `${path}: `);

  /** A teammate (an agent) who joined through an invitation. */
  async function teammate(tenant: ChatTenant) {
    const invited = await rest(
      'POST',
      '/v1/agents',
      { email: `mate-${crypto.randomUUID()}@example.com`, name: 'Mia Mate', role: 'agent' },
      tenant.ownerAuth,
    );
    const joined = await rest('POST', '/v1/auth/accept-invite', {
      token: invited.body.inviteToken,
      password: 'a long enough password',
    });
    expect(joined.status).toBe(200);
    return joined.body as { accessToken: string; refreshToken: string };
  }

  test('create a label, put it on by keyboard, see it live in a teammate’s inbox, filter by it', async () => {
    const tenant = await chatTenant(rest, { name: 'Label Co' });
    const [ada, bo] = [await bootVisitor(rest, tenant), await bootVisitor(rest, tenant)];
    const adaChat = await openConversation(rest, ada);
    await visitorSays(rest, ada, adaChat.id, 'My invoice is wrong');
    const boChat = await openConversation(rest, bo);
    await visitorSays(rest, bo, boChat.id, 'Where is my parcel?');

    // The teammate's inbox is open before the label exists: its chip must arrive live.
    const mate = await signedIn(await teammate(tenant), '/inbox');
    const mateList = mate.getByRole('list', { name: 'Conversations', exact: true });
    const mateRow = mateList.locator(`li[data-id="${adaChat.id}"]`);
    await mateRow.waitFor();
    await mateList.locator(`li[data-id="${boChat.id}"]`).waitFor();
    // A mark on this document: still here once the chip shows, so no reload brought it.
    await mate.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });

    // Settings → Labels: none yet; a new one from the dialog.
    const owner = await signedIn(tenant.owner, '/settings/labels');
    await owner.getByRole('heading', { level: 2, name: 'Labels' }).waitFor();
    await owner.getByText('No labels yet').waitFor();
    await expectAccessible(owner, 'labels, empty');
    await owner.getByRole('button', { name: 'New label' }).click();
    const dialog = owner.getByRole('dialog', { name: 'New label' });
    await dialog.getByLabel('Name').fill('VIP');
    await dialog.getByRole('radio', { name: 'Color #d97706' }).check();
    await dialog.getByLabel('Description').fill('Pays for the enterprise plan');
    await expectAccessible(owner, 'new label dialog');
    await h.screenshot(owner, 'labels-dialog');
    await dialog.getByRole('button', { name: 'Create label' }).click();
    await dialog.waitFor({ state: 'detached' });
    const table = owner.getByRole('table', { name: 'Labels' });
    await table.getByRole('row', { name: /VIP/ }).waitFor();

    // A second label with the same name in other letters is refused, next to the name.
    await owner.getByRole('button', { name: 'New label' }).click();
    await dialog.getByLabel('Name').fill('vip');
    await dialog.getByLabel('Or any color (#rrggbb)').fill('#0f766e');
    await dialog.getByRole('button', { name: 'Create label' }).click();
    await dialog.getByText('A label named “vip” exists already').waitFor();
    expect(await dialog.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('Name').fill('Billing');
    await dialog.getByRole('button', { name: 'Create label' }).click();
    await table.getByRole('row', { name: /Billing/ }).waitFor();
    // Rename and recolor it, then delete it (after confirming).
    await owner.getByRole('button', { name: 'Edit label Billing' }).click();
    const edit = owner.getByRole('dialog', { name: 'Edit “Billing”' });
    await edit.getByLabel('Name').fill('Invoices');
    await edit.getByRole('radio', { name: 'Color #7c3aed' }).check();
    await edit.getByRole('button', { name: 'Save' }).click();
    await table
      .getByRole('row', { name: /Invoices/ })
      .getByText('#7c3aed')
      .waitFor();
    await owner.getByRole('button', { name: 'Delete label Invoices' }).click();
    const confirm = owner.getByRole('dialog', { name: 'Delete “Invoices”?' });
    await confirm.getByRole('button', { name: 'Delete label' }).click();
    await table.getByRole('row', { name: /Invoices/ }).waitFor({ state: 'detached' });
    await expectAccessible(owner, 'labels, one');
    await h.screenshot(owner, 'labels-settings');
    const labels = await rest('GET', '/v1/labels', undefined, tenant.ownerAuth);
    expect(labels.body.items.map((l: { name: string }) => l.name)).toEqual(['VIP']);
    const vipId: string = labels.body.items[0].id;

    // The inbox, the conversation open; `l` opens the picker with the focus in its combobox.
    await owner.goto(`${h.platform.url}/inbox/${adaChat.id}`);
    const conversation = owner.getByRole('region', { name: /^Conversation with / });
    await conversation.getByText('My invoice is wrong').waitFor();
    await owner.locator('body').press('Escape'); // out of the composer, if it took the focus
    await owner.keyboard.press('l');
    const combobox = owner.getByRole('combobox', { name: 'Find a label' });
    await combobox.waitFor();
    await owner.waitForFunction(() => document.activeElement?.getAttribute('role') === 'combobox');
    await owner.keyboard.type('vi');
    const option = conversation.getByRole('listbox', { name: 'Labels' }).getByRole('option', {
      name: 'VIP',
    });
    expect(await option.getAttribute('aria-selected')).toBe('false');
    expect(await combobox.getAttribute('aria-activedescendant')).toBe(
      await option.getAttribute('id'),
    );
    await expectAccessible(owner, 'label picker');
    await owner.keyboard.press('Enter');
    await owner.waitForFunction(
      () => document.querySelector('[role="option"]')?.getAttribute('aria-selected') === 'true',
    );
    await h.screenshot(owner, 'labels-picker');
    await owner.keyboard.press('Escape');
    await combobox.waitFor({ state: 'detached' });
    expect(await owner.evaluate(() => document.activeElement?.getAttribute('aria-haspopup'))).toBe(
      'dialog',
    );
    const headerChips = conversation.getByRole('list', { name: 'Labels' });
    await headerChips.getByText('VIP').waitFor();
    const stored = await rest(
      'GET',
      `/v1/conversations/${adaChat.id}`,
      undefined,
      tenant.ownerAuth,
    );
    expect(stored.body.labelIds).toEqual([vipId]);

    // The teammate's inbox shows the chip, live (a label it had never loaded).
    await mateRow.locator('.label-chip', { hasText: 'VIP' }).waitFor();
    expect(await mate.evaluate(() => 'sameDocument' in window)).toBe(true);
    await expectAccessible(mate, 'inbox with chips');
    await h.screenshot(mate, 'labels-inbox');

    // Filter by it from the keyboard: the select, an arrow; the URL keeps it across a reload.
    const filter = mate.getByRole('combobox', { name: 'Label' });
    await filter.focus();
    await mate.keyboard.press('ArrowDown');
    await mate.waitForURL((url) => url.searchParams.get('label') === vipId);
    await mateList.locator(`li[data-id="${boChat.id}"]`).waitFor({ state: 'detached' });
    await mateRow.waitFor();
    expect(await mateList.getByRole('listitem').count()).toBe(1);
    await mate.reload();
    await mateRow.waitFor();
    const reloaded = mate.getByRole('combobox', { name: 'Label' });
    expect(await reloaded.inputValue()).toBe(vipId);
    await reloaded.locator('option:checked', { hasText: 'VIP' }).waitFor({ state: 'attached' });
    expect(await mateList.locator(`li[data-id="${boChat.id}"]`).count()).toBe(0);
    await expectAccessible(mate, 'inbox filtered by a label');
    await h.screenshot(mate, 'labels-inbox-filtered');

    // The contact panel labels the contact, with the same picker.
    const contact = owner.getByRole('complementary', { name: 'Contact' });
    await contact.getByRole('button', { name: /^Label Visitor / }).click();
    await contact.getByRole('listbox').getByRole('option', { name: 'VIP' }).click();
    await contact.getByRole('list', { name: 'Labels' }).getByText('VIP').waitFor();
    await owner.keyboard.press('Escape');
    const adaContact = await rest(
      'GET',
      `/v1/contacts/${ada.contact.id}`,
      undefined,
      tenant.ownerAuth,
    );
    expect(adaContact.body.labelIds).toEqual([vipId]);
    await expectAccessible(owner, 'conversation with labels');
    await h.screenshot(owner, 'labels-conversation');

    // Taken off from its chip in the header: it leaves the teammate's filtered inbox, live.
    await headerChips.getByRole('button', { name: 'Remove label VIP' }).click();
    await headerChips.waitFor({ state: 'detached' });
    await mateRow.waitFor({ state: 'detached' });
    const after = await rest(
      'GET',
      `/v1/conversations/${adaChat.id}`,
      undefined,
      bearer(tenant.owner.accessToken),
    );
    expect(after.body.labelIds).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  }, 90_000);
});

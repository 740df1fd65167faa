import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { chatTenant, type Rest, restClient } from '@flc/testkit';
import type { Page } from 'playwright-core';
// By path, not as a package: @flc/standalone depends on this package (see settings.browser.test).
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { axeViolations } from './testing/axe.ts';

// The business hours editor in Debian's Chromium against the standalone platform: an owner sets
// a zone, split Monday hours copied to the weekdays, a holiday, the away message and the switches,
// by keyboard; a closing time before the opening one is refused next to its field; the saved
// hours are what the API holds. Every screen is checked with axe-core.

describe.if(browserSuiteRuns('console-business-hours'))('business hours editor in Chromium', () => {
  let h: BrowserHarness;
  let rest: Rest;
  beforeAll(async () => {
    h = await startBrowserHarness({ label: 'console-business-hours' });
    rest = restClient(() => h.platform.url);
  }, 120_000);
  afterAll(() => h?.stop());

  async function expectAccessible(page: Page, where: string) {
    const found = (await axeViolations(page)).map((v) => `${v.id}: ${v.targets.join(', ')}`);
    expect({ where, violations: found }).toEqual({ where, violations: [] });
  }

  test('an owner sets the hours by keyboard; a bad interval is refused beside it', async () => {
    const tenant = await chatTenant(rest, { name: 'Hours Co' });
    const page = await h.signedIn(tenant.owner, `/settings/environments?env=${tenant.env.id}`);
    const card = page.locator('section.card', { hasText: 'Business hours' });
    await card.getByRole('group', { name: 'Monday' }).getByText('Closed').waitFor();

    await card.getByLabel('Use business hours (off: always open)').focus();
    await page.keyboard.press('Space');
    await card.getByLabel('Time zone').selectOption('Europe/Berlin');

    // Monday 09:00–12:00 and 13:00–18:00: Enter adds hours and puts the keyboard in them.
    const monday = card.getByRole('group', { name: 'Monday' });
    await monday.getByRole('button', { name: 'Add hours on Monday' }).focus();
    await page.keyboard.press('Enter');
    const opens1 = monday.getByLabel('Monday, hours 1: opens');
    await expect(opens1.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await opens1.fill('09:00');
    await monday.getByLabel('Monday, hours 1: closes').fill('12:00');
    await monday.getByRole('button', { name: 'Add hours on Monday' }).press('Enter');
    await monday.getByLabel('Monday, hours 2: opens').fill('13:00');
    await monday.getByLabel('Monday, hours 2: closes').fill('18:00');
    await card.getByRole('button', { name: 'Copy Monday to Tuesday–Friday' }).press('Enter');
    await card.getByRole('status').getByText("Monday's hours copied to Tuesday–Friday").waitFor();

    // A wrong Tuesday: closes before it opens.
    const tuesday = card.getByRole('group', { name: 'Tuesday' });
    await tuesday.getByLabel('Tuesday, hours 2: closes').fill('10:00');

    const date = card.getByLabel('Date', { exact: true });
    await date.fill('2026-12-25');
    await date.press('Enter');
    await card.getByRole('button', { name: 'Remove holiday 2026-12-25' }).waitFor();
    await card.getByLabel('Hide the widget outside business hours while nobody is online').check();
    await card
      .getByLabel('Away message (sent once when a visitor writes while nobody can answer)')
      .fill("We're closed. Leave your email and we'll write back.");
    await card.getByLabel('Usual reply time, in minutes (shown in the widget)').fill('15');

    await card.getByRole('button', { name: 'Save' }).press('Enter');
    await card.getByRole('alert').getByText('Not saved: one problem to fix.').waitFor();
    const wrong = tuesday.getByLabel('Tuesday, hours 2: closes');
    expect(await wrong.getAttribute('aria-invalid')).toBe('true');
    await tuesday.getByText('Ends before it starts').waitFor();
    await expectAccessible(page, 'business hours with a fault');

    await wrong.fill('18:00');
    await card.getByRole('button', { name: 'Save' }).press('Enter');
    await card.getByRole('status').getByText('Saved').waitFor();
    await expectAccessible(page, 'business hours saved');
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await h.screenshot(page, 'business-hours');

    const saved = await rest(
      'GET',
      `/v1/environments/${tenant.env.id}/business-hours`,
      undefined,
      tenant.ownerAuth,
    );
    const split = [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ];
    expect(saved.body).toMatchObject({
      enabled: true,
      timeZone: 'Europe/Berlin',
      weekly: { mon: split, tue: split, wed: split, thu: split, fri: split, sat: [], sun: [] },
      holidays: ['2026-12-25'],
      hideOutsideHours: true,
      awayMessage: "We're closed. Leave your email and we'll write back.",
      replyTimeMinutes: 15,
    });
  });
});

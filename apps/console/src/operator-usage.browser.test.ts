import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { bootVisitor, chatTenant, eventually, openConversation, visitorSays } from '@flc/testkit';
import { browserSuiteRuns } from '../../standalone/src/testing/browser.ts';
import { expectAccessible } from './testing/axe.ts';
import { operatorSuite } from './testing/operator-suite.ts';

// Usage metering in the operators' section, in Debian's Chromium against the standalone platform
// (embedded, metering every second): two tenants' visitors write, the operator reads both
// tenants' usage of the month and exports it as CSV and JSON.

describe.if(browserSuiteRuns('console-operator-usage'))('operators’ usage page in Chromium', () => {
  const suite = operatorSuite('console-operator-usage', { FLC_METERING_INTERVAL: '1' });

  test("the operator reads both tenants' usage of the month and exports it", async () => {
    const { h, rest, email, password } = suite;
    const alpha = await chatTenant(rest, { name: 'Alpha Co' });
    const beta = await chatTenant(rest, { name: 'Beta Co' });
    for (const [tenant, words] of [
      [alpha, ['Hello', 'Anyone there?']],
      [beta, ['Hi']],
    ] as const) {
      const visitor = await bootVisitor(rest, tenant);
      const { id } = await openConversation(rest, visitor);
      for (const word of words) await visitorSays(rest, visitor, id, word);
    }
    // The standalone's metering round (every second here) has counted both tenants' messages.
    const session = await rest('POST', '/v1/operator/session', { email, password });
    const auth = { authorization: `Bearer ${session.body.accessToken}` };
    const messagesOf = async () => {
      const res = await rest('GET', '/v1/operator/usage', undefined, auth);
      return Object.fromEntries(
        (res.body.tenants as { name: string; messages: number }[]).map((t) => [t.name, t.messages]),
      );
    };
    await eventually('both tenants metered', async () => {
      const messages = await messagesOf();
      return messages['Alpha Co'] === 2 && messages['Beta Co'] === 1;
    });

    const page = await suite.signIn('operator usage: ');
    const sections = page.getByRole('navigation', { name: 'Operators’ sections' });
    await sections.getByRole('link', { name: 'Usage' }).click();
    await page.getByRole('heading', { level: 2, name: 'Usage' }).waitFor();
    const month = new Date().toISOString().slice(0, 7);
    expect(await page.getByLabel('Month').inputValue()).toBe(month);
    const table = page.getByRole('table', { name: `Usage per tenant in ${month}` });
    const row = (name: string) => table.getByRole('row').filter({ hasText: name });
    await row('Alpha Co').waitFor();
    await row('Beta Co').waitFor();
    // Days, messages, active visitors, agent seats.
    const cells = async (name: string) =>
      (await row(name).getByRole('cell').allTextContents()).slice(0, 4);
    expect(await cells('Alpha Co')).toEqual(['1', '2', '1', '1']);
    expect(await cells('Beta Co')).toEqual(['1', '1', '1', '1']);
    await expectAccessible(page, 'operator usage');
    await h.screenshot(page, 'operator-usage');

    const [year, index] = month.split('-').map(Number) as [number, number];
    const last = String(new Date(Date.UTC(year, index, 0)).getUTCDate()).padStart(2, '0');
    const today = new Date().toISOString().slice(0, 10);
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csvFile = await csvDownload;
    expect(csvFile.suggestedFilename()).toBe(`usage-${month}-01-${month}-${last}.csv`);
    const lines = readFileSync((await csvFile.path()) as string, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'day,organization_id,tenant,messages,active_visitors,agent_seats,storage_bytes,webhook_deliveries,final',
    );
    expect(lines.slice(1)).toEqual([
      `${today},${alpha.owner.organization.id},Alpha Co,2,1,1,0,0,no`,
      `${today},${beta.owner.organization.id},Beta Co,1,1,1,0,0,no`,
    ]);

    const jsonDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const jsonFile = await jsonDownload;
    expect(jsonFile.suggestedFilename()).toBe(`usage-${month}-01-${month}-${last}.json`);
    const report = JSON.parse(readFileSync((await jsonFile.path()) as string, 'utf8'));
    expect(report.from).toBe(`${month}-01`);
    expect(report.tenants.map((t: { name: string }) => t.name)).toEqual(['Alpha Co', 'Beta Co']);

    // The tenant's own page shows its month so far.
    await page.goto(`${h.platform.url}/operator?tenant=${alpha.owner.organization.id}`);
    await page.getByRole('heading', { level: 3, name: 'Usage this month (metered)' }).waitFor();
    const figures = await page.locator('dl').nth(1).locator('dt, dd').allTextContents();
    expect(figures).toEqual([
      'Messages',
      '2',
      'Active visitors',
      '1',
      'Agent seats',
      '1',
      'Webhook deliveries',
      '0',
    ]);
    await expectAccessible(page, 'operator tenant usage');
  }, 120_000);
});

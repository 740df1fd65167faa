import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { chatTenant, type Rest, restClient } from '@flc/testkit';
// By path, not as packages: @flc/standalone depends on this package (see settings.browser.test),
// and the console has no business with the storage package outside this test's seeding.
import { openDatabase } from '../../../packages/storage/src/postgres/database.ts';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../../packages/storage/src/testing/databases.ts';
import { serviceUrl } from '../../../packages/storage/src/testing/services.ts';
import {
  type BrowserHarness,
  browserSuiteRuns,
  startBrowserHarness,
} from '../../standalone/src/testing/browser.ts';
import { expectAccessible } from './testing/axe.ts';

// The Reports page in Debian's Chromium against the standalone platform on PostgreSQL, seeded
// with two weeks of conversations written straight into the database (their times in the past,
// which no API can set): the totals, both charts, the heat map and the tables show them; the
// range lives in the URL; a CSV downloads; an agent has no Reports in the navigation.
const adminUrl = browserSuiteRuns('console-reports') ? serviceUrl('postgres') : undefined;

describe.if(Boolean(adminUrl))('console reports in Chromium', () => {
  let h: BrowserHarness;
  let rest: Rest;
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(adminUrl as string, 'flc_reports');
    h = await startBrowserHarness({
      label: 'console-reports',
      env: { DATABASE_URL: database.url },
    });
    rest = restClient(() => h.platform.url);
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    await database?.drop();
  });

  /**
   * 42 conversations over 1–14 November 2026 (UTC), three a day at hours 5 apart; every one
   * answered by the owner within 1–5 minutes; two in three closed (28) after 10–40 minutes, in
   * the team; those opened at an even hour rated.
   */
  async function seed(tenant: Awaited<ReturnType<typeof chatTenant>>, teamId: string) {
    const db = await openDatabase({ databaseUrl: database.url, max: 1 });
    try {
      const org = tenant.owner.organization.id;
      const env = tenant.env.id;
      const agent = tenant.owner.agent.id;
      const contact = crypto.randomUUID();
      await db.sql`
        insert into contacts (id, organization_id, environment_id, name)
        values (${contact}, ${org}, ${env}, 'Visitor')`;
      await db.sql`
        insert into conversations (id, organization_id, environment_id, contact_id, status,
          assignee_id, team_id, created_at, first_reply_at, first_reply_agent_id, closed_at)
        select gen_random_uuid(), ${org}, ${env}, ${contact},
          case when i % 3 = 0 then 'open' else 'closed' end, ${agent}::uuid,
          case when i % 3 = 0 then null else ${teamId}::uuid end, at,
          at + make_interval(secs => 60 * (i % 5 + 1)), ${agent}::uuid,
          case when i % 3 = 0 then null else at + make_interval(secs => 600 * (i % 4 + 1)) end
        from generate_series(0, 41) i, lateral (select timestamptz '2026-11-01 00:00Z'
          + make_interval(days => i % 14, hours => (i * 5) % 24) as at) t`;
      await db.sql`
        insert into conversation_ratings (conversation_id, organization_id, environment_id, score,
          assignee_id, first_rated_at, rated_at)
        select id, organization_id, environment_id, 1 + extract(hour from created_at)::int % 5,
          assignee_id, closed_at, closed_at
        from conversations
        where organization_id = ${org} and closed_at is not null
          and extract(hour from created_at)::int % 2 = 0`;
    } finally {
      await db.close();
    }
  }

  test('an owner reads two weeks of figures, keeps the range in the URL and exports a CSV', async () => {
    const tenant = await chatTenant(rest, { name: 'Report Co' });
    const team = await rest('POST', '/v1/teams', { name: 'Support' }, tenant.ownerAuth);
    expect(team.status).toBe(201);
    await seed(tenant, team.body.id);

    const path = '/reports?from=2026-11-01&to=2026-11-14&tz=UTC';
    const page = await h.signedIn(tenant.owner, path, 'reports: ');
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    const totals = page.locator('.reports-totals');
    await totals.getByText('42').waitFor();
    expect(await totals.locator('dd').first().textContent()).toBe('42');
    expect(await totals.locator('dd').nth(1).textContent()).toBe('28');
    // Two charts drawn on canvases, each named for screen readers.
    expect(await page.locator('.report-chart-canvas canvas').count()).toBeGreaterThanOrEqual(2);
    await page
      .getByRole('img', { name: /Chart from 2026-11-01 to 2026-11-14: 42 opened, 28 closed/ })
      .waitFor();
    // The heat map: a table of 7 weekdays, and 42 conversations in its cells.
    const heatmap = page.getByRole('table', { name: 'Conversations opened by hour of the week' });
    expect(await heatmap.locator('tbody tr').count()).toBe(7);
    const cells = await heatmap.locator('tbody td').allTextContents();
    expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(42);
    const agents = page.getByRole('table', { name: 'Figures per agent' });
    const row = agents.getByRole('row', { name: new RegExp(tenant.owner.agent.name) });
    expect(await row.textContent()).toContain('28');
    expect(await page.getByRole('table', { name: 'Figures per team' }).textContent()).toContain(
      'Support',
    );
    await expectAccessible(page, 'reports page');
    await h.screenshot(page, 'console-reports');
    await heatmap.scrollIntoViewIfNeeded();
    await h.screenshot(page, 'console-reports-heatmap');

    // The day table behind the charts, one row per day.
    await page.getByText('Every day as a table').click();
    expect(await page.locator('.reports-days tbody tr').count()).toBe(14);

    // A narrower range from the form lands in the URL; the figures follow.
    await page.getByLabel('To', { exact: true }).fill('2026-11-07');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/to=2026-11-07/);
    // Days 0–6 of each fortnight's three rounds: i % 14 < 7, 21 of the 42.
    await totals.locator('dd').first().getByText('21').waitFor();
    await expectAccessible(page, 'reports page, one week');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export agents as CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('agents-2026-11-01-2026-11-07.csv');
    const csv = readFileSync((await file.path()) as string, 'utf8');
    expect(csv.split('\r\n')[0]).toStartWith('agent_id,name,first_response_count');

    // An agent has no Reports in the navigation, and the page says why.
    const member = await rest(
      'POST',
      '/v1/agents',
      { email: `agent-${crypto.randomUUID()}@example.com`, name: 'Ada Agent', role: 'agent' },
      tenant.ownerAuth,
    );
    expect(member.status).toBe(201);
    const accepted = await rest('POST', '/v1/auth/accept-invite', {
      token: member.body.inviteToken,
      password: 'correct horse battery',
    });
    const agentPage = await h.signedIn(accepted.body, '/reports', 'agent: ');
    await agentPage.getByText('Reports are for owners and admins.').waitFor();
    expect(
      await agentPage
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Reports' })
        .count(),
    ).toBe(0);
    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});

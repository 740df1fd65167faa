import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { createClient, type Message } from '@flc/sdk';
import { toolPath } from '@flc/storage/testing';
import { restClient } from '@flc/testkit';
import { type Browser, chromium } from 'playwright-core';
import { type Standalone, startStandalone } from './standalone.ts';
import { browserSuiteRuns, CHROMIUM } from './testing/browser.ts';
import { serveSamplePage, visitorOfPage } from './testing/sample-page.ts';
import { installInFreshProject, packSdk } from './testing/sdk-package.ts';

// The README's browser page, as written, with the packed @fast-light-chat/sdk installed in a fresh
// project and served from its node_modules through the page's import map: in Chromium, the
// visitor sends from the form and an agent receives; the agent answers and the page shows it.
const label = 'sdk-package-browser';
const npm = toolPath('npm', 'the SDK package browser smoke');
const work = mkdtempSync(join(tmpdir(), 'flc-sdk-browser-'));
let platform: Standalone;
let browser: Browser;
let site: ReturnType<typeof Bun.serve>;
/** What "your server" puts in the page, as the example says; set per test. */
let pageData = '';

describe.skipIf(!npm || !browserSuiteRuns(label))('the SDK package in a browser page', () => {
  beforeAll(async () => {
    const project = await installInFreshProject(
      npm as string,
      await packSdk(npm as string, work),
      work,
    );
    platform = await startStandalone(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', FLC_DATA_DIR: join(work, 'data') }),
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    site = serveSamplePage(
      project,
      'browser.html',
      () => pageData,
      (path) => path.startsWith('/node_modules/'),
    );
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    site?.stop(true);
    await platform?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test('a visitor sends from the page, an agent receives and answers, the page shows both', async () => {
    const call = restClient(() => platform.url);
    const origin = site.url.origin;
    // Booted as the page's origin would be (the environment allows only that one).
    const opened = await visitorOfPage(call, platform.url, origin, 'Page Co');
    const { tenant, conversationId } = opened;
    pageData = opened.pageData;

    const agent = createClient({ url: platform.url, token: tenant.owner.accessToken });
    const received = new Promise<Message>((resolve) => agent.on('message', resolve));
    const subscribed = new Promise((resolve) => agent.on('subscribed', resolve));
    agent.subscribe(conversationId);
    agent.connect();
    await subscribed;

    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(origin);
      await page.getByLabel('Message').fill('Hello from the page');
      await page.getByRole('button', { name: 'Send' }).click();
      expect((await received).body).toBe('Hello from the page');
      await page.getByText('visitor: Hello from the page').waitFor();

      await agent.send(conversationId, 'Hi, how can I help?').ack;
      await page.getByText('agent: Hi, how can I help?').waitFor();
      expect(await page.locator('#messages li').allTextContents()).toEqual([
        'visitor: Hello from the page',
        'agent: Hi, how can I help?',
      ]);
      expect(errors).toEqual([]);
    } finally {
      agent.close();
      await context.close();
    }
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { createClient, type Message } from '@flc/sdk';
import { toolPath } from '@flc/storage/testing';
import { restClient } from '@flc/testkit';
import { type Browser, chromium } from 'playwright-core';
import { expectAccessible } from '../../console/src/testing/axe.ts';
import { type Standalone, startStandalone } from './standalone.ts';
import { browserSuiteRuns, CHROMIUM } from './testing/browser.ts';
import { installAll, packAll } from './testing/packages.ts';
import { serveSamplePage, visitorOfPage } from './testing/sample-page.ts';
import { run } from './testing/sdk-package.ts';

// The React sample app of @fast-light-chat/react, as written, in a fresh project with the packed
// packages installed, built by Bun's bundler (React from the project's node_modules) and opened
// in Chromium: the visitor sends from the page, an agent receives, types and answers; the page
// shows the answer, who is typing and the unread count, and marks it read.
const label = 'packages-browser';
const npm = toolPath('npm', 'the React package browser smoke');
const work = mkdtempSync(join(tmpdir(), 'flc-packages-browser-'));
let platform: Standalone;
let browser: Browser;
let site: ReturnType<typeof Bun.serve>;
let pageData = '';

describe.skipIf(!npm || !browserSuiteRuns(label))('the React sample app in a browser', () => {
  beforeAll(async () => {
    const project = await installAll(npm as string, await packAll(npm as string, work), work);
    await run([process.execPath, 'build', './index.html', '--outdir=dist', '--minify'], project);
    const dist = join(project, 'dist');
    platform = await startStandalone(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', FLC_DATA_DIR: join(work, 'data') }),
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    site = serveSamplePage(
      dist,
      'index.html',
      () => pageData,
      () => true,
    );
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    site?.stop(true);
    await platform?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test('a visitor sends from the sample app; an agent receives, types and answers; unread and read', async () => {
    const call = restClient(() => platform.url);
    const origin = site.url.origin;
    const opened = await visitorOfPage(call, platform.url, origin, 'Hooks Co');
    const { tenant, conversationId } = opened;
    pageData = opened.pageData;

    const agent = createClient({ url: platform.url, token: tenant.owner.accessToken });
    const received = new Promise<Message>((resolve) => agent.on('message', resolve));
    const subscribed = new Promise((resolve) => agent.on('subscribed', resolve));
    const visitorRead = new Promise<number>((resolve) =>
      agent.on('read', (r) => r.reader.type === 'visitor' && resolve(r.seq)),
    );
    agent.subscribe(conversationId);
    agent.connect();
    await subscribed;

    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(origin);
      await page.getByRole('status').getByText('Connected').waitFor();
      await page.getByLabel('Message', { exact: true }).fill('Hello from React');
      await page.getByRole('button', { name: 'Send' }).click();
      expect((await received).body).toBe('Hello from React');
      await page.getByText('visitor: Hello from React').waitFor();
      await page.getByText('0 unread').waitFor();

      agent.typing(conversationId);
      await page.getByText(/is typing…/).waitFor();
      await agent.send(conversationId, 'Hi, how can I help?').ack;
      await page.getByText('agent: Hi, how can I help?').waitFor();
      // The answer ends the agent's typing, and counts as unread until marked read.
      await page.getByText('1 unread').waitFor();
      expect(await page.getByText(/is typing…/).count()).toBe(0);
      expect(await page.locator('li').allTextContents()).toEqual([
        'visitor: Hello from React',
        'agent: Hi, how can I help?',
      ]);
      await expectAccessible(page, 'the React sample app');

      await page.getByRole('button', { name: 'Mark as read' }).click();
      await page.getByText('0 unread').waitFor();
      expect(await visitorRead).toBe(2);
      expect(errors).toEqual([]);
    } finally {
      agent.close();
      await context.close();
    }
  }, 60_000);
});

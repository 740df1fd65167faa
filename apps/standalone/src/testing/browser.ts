import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadConfig } from '@flc/config';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type Standalone, startStandalone } from '../standalone.ts';

/**
 * What the browser suites share (the widget's, the console's): Debian's Chromium, headless and
 * driven by playwright-core, against the real standalone platform on a fresh PGlite directory;
 * errors thrown in any page collected; screenshots saved and listed at the end.
 */
export const CHROMIUM = '/usr/bin/chromium';
const ci = Boolean(process.env.CI);

/**
 * Whether a browser suite runs here. Without Chromium it is skipped with a warning, except under
 * CI=true, where it runs and fails.
 */
export function browserSuiteRuns(label: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (!ci) {
    console.warn(
      `\n[${label}] SKIPPING the browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium).` +
        ' Under CI=true they fail instead.\n',
    );
  }
  return ci;
}

export interface BrowserHarness {
  platform: Standalone;
  browser: Browser;
  /** Errors thrown in the pages that `track` watches: a suite expects none. */
  pageErrors: string[];
  /** Collects the page's uncaught errors into `pageErrors` (prefixed, to tell pages apart). */
  track(page: Page, prefix?: string): Page;
  screenshot(page: Page, name: string): Promise<void>;
  /** A desktop-size page (1280×800, en-US) in a context of its own, watched by `track`. */
  page(prefix?: string): Promise<Page>;
  /** A `page()` signed in to the console with these tokens (as a login leaves them), at `path`. */
  signedIn(
    tokens: { accessToken: string; refreshToken: string },
    path: string,
    prefix?: string,
  ): Promise<Page>;
  stop(): Promise<void>;
}

/**
 * The one folder every browser suite's screenshots land in (ignored by git): one rule, so a reader
 * finds every suite's pictures in the same place after a run.
 */
export const SCREENSHOTS_DIR = join(
  import.meta.dir,
  '..',
  '..',
  '..',
  '..',
  '.test-results',
  'screenshots',
);

/**
 * Launches Chromium and the platform (configured by `env` on top of a free port and a temp data
 * directory); screenshots go to SCREENSHOTS_DIR. The first start builds the console unless cached.
 */
export async function startBrowserHarness(options: {
  label: string;
  env?: Record<string, string>;
}): Promise<BrowserHarness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`CI=true needs Chromium at ${CHROMIUM} (apt-get install chromium)`);
  }
  const dataDir = join(tmpdir(), `flc-${options.label}-${crypto.randomUUID()}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  let platform: Standalone;
  try {
    platform = await startStandalone(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', FLC_DATA_DIR: dataDir, ...options.env }),
    );
  } catch (error) {
    await browser.close();
    throw error;
  }
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const pageErrors: string[] = [];
  const saved: string[] = [];
  const harness: BrowserHarness = {
    platform,
    browser,
    pageErrors,
    track(page, prefix = '') {
      page.on('pageerror', (error) => pageErrors.push(`${prefix}${error.message}`));
      // A page's own security policy refusing something it does is a bug of the page.
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
          pageErrors.push(`${prefix}${message.text()}`);
        }
      });
      return page;
    },
    async page(prefix) {
      const context = await browser.newContext({
        locale: 'en-US',
        viewport: { width: 1280, height: 800 },
      });
      return harness.track(await context.newPage(), prefix);
    },
    async signedIn(tokens, path, prefix) {
      const page = await harness.page(prefix);
      await page.goto(`${platform.url}/login`);
      await page.evaluate((session) => {
        localStorage.setItem('flc.console.session', JSON.stringify(session));
      }, tokens);
      await page.goto(`${platform.url}${path}`);
      return page;
    },
    async screenshot(page, name) {
      const path = join(SCREENSHOTS_DIR, `${name}.png`);
      await page.screenshot({ path, animations: 'disabled' });
      saved.push(relative(process.cwd(), path));
    },
    async stop() {
      await browser.close();
      await platform.stop();
      rmSync(dataDir, { recursive: true, force: true });
      if (saved.length > 0) console.log(`[${options.label}] screenshots:\n  ${saved.join('\n  ')}`);
    },
  };
  return harness;
}

import { afterAll, beforeAll } from 'bun:test';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Rest, restClient } from '@flc/testkit';
import type { Page } from 'playwright-core';
// By path, not as a package: @flc/standalone depends on the console (see settings.browser.test).
import {
  type BrowserHarness,
  startBrowserHarness,
} from '../../../standalone/src/testing/browser.ts';

/** A standalone platform in Chromium whose operator was made at start-up, as an install makes one. */
export interface OperatorSuite {
  /** The harness; read it inside a test (it starts in the suite's `beforeAll`). */
  readonly h: BrowserHarness;
  readonly rest: Rest;
  readonly email: string;
  readonly password: string;
  /** A new page signed in at /operator as the operator, on the tenants list. */
  signIn(prefix: string): Promise<Page>;
}

/**
 * Starts, for the surrounding `describe`, the platform with `FLC_OPERATOR_EMAIL` and
 * `FLC_OPERATOR_PASSWORD_FILE` (a temp file, removed afterwards) and Chromium, and stops both.
 */
export function operatorSuite(label: string, env: Record<string, string> = {}): OperatorSuite {
  const email = `${label}@example.com`;
  const password = 'operator horse battery staple';
  const passwordFile = join(tmpdir(), `flc-${label}-${crypto.randomUUID()}`);
  let harness: BrowserHarness | undefined;
  beforeAll(async () => {
    writeFileSync(passwordFile, `${password}\n`);
    harness = await startBrowserHarness({
      label,
      env: { ...env, FLC_OPERATOR_EMAIL: email, FLC_OPERATOR_PASSWORD_FILE: passwordFile },
    });
  }, 120_000);
  afterAll(async () => {
    await harness?.stop();
    rmSync(passwordFile, { force: true });
  });
  const suite: OperatorSuite = {
    get h() {
      if (!harness) throw new Error(`${label}: the harness is read before it started`);
      return harness;
    },
    rest: restClient(() => suite.h.platform.url),
    email,
    password,
    async signIn(prefix) {
      const page = await suite.h.page(prefix);
      await page.goto(`${suite.h.platform.url}/operator`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 2, name: 'Tenants' }).waitFor();
      return page;
    },
  };
  return suite;
}

import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@flc/config';
import { nodeRuntimes, toolPath } from '@flc/storage/testing';
import { bootVisitor, chatTenant, openConversation, restClient } from '@flc/testkit';
import { type Standalone, startStandalone } from './standalone.ts';
import {
  addReactExample,
  installInFreshProject,
  packSdk,
  run,
  tsc,
  writeTypeChecks,
} from './testing/sdk-package.ts';

// The npm package @fast-light-chat/sdk as a user installs it: built, packed, installed by path
// into a project outside the workspace, and the README's Node/Bun example run against a real
// platform with Node (import and require) and Bun: a visitor sends, an agent receives.
const suiteName = 'the SDK package smoke';
const nodes = nodeRuntimes(suiteName);
const npm = toolPath('npm', suiteName);
const work = mkdtempSync(join(tmpdir(), 'flc-sdk-package-'));
const dataDir = join(work, 'data');
let platform: Standalone;
let project: string;

// Node 22+ has a global WebSocket; Node 20 has it behind a flag (the example says so).
const flagsOf = (major: number) => (major < 22 ? ['--experimental-websocket'] : []);

describe.skipIf(nodes.length === 0 || !npm)(suiteName, () => {
  beforeAll(async () => {
    // Both tools were found, or the suite is skipped.
    const tarball = await packSdk(npm as string, work);
    project = await installInFreshProject(npm as string, tarball, work);
    platform = await startStandalone(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', FLC_DATA_DIR: dataDir }),
    );
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  const call = restClient(() => platform.url);

  /** A tenant, a visitor and its new conversation: what the example reads from its env. */
  async function chatEnv(): Promise<Record<string, string>> {
    const tenant = await chatTenant(call, { name: 'Package Co' });
    const visitor = await bootVisitor(call, tenant);
    const conversation = await openConversation(call, visitor);
    return {
      CHAT_URL: platform.url,
      AGENT_TOKEN: tenant.owner.accessToken,
      VISITOR_TOKEN: visitor.sessionToken,
      CONVERSATION_ID: conversation.id,
    };
  }

  const runs: [string, () => string[]][] = [
    ...nodes.flatMap(({ path, major }): [string, () => string[]][] => [
      [`Node ${major}, import`, () => [path, ...flagsOf(major), 'node.mjs']],
      [`Node ${major}, require`, () => [path, ...flagsOf(major), 'node.cjs']],
    ]),
    ['Bun, import', () => [process.execPath, 'node.mjs']],
  ];
  const said = { 'node.mjs': 'Hello from Node', 'node.cjs': 'Hello from require()' };

  for (const [name, command] of runs) {
    test(`${name}: a visitor sends through the installed package and an agent receives`, async () => {
      const cmd = command();
      const file = cmd.at(-1) as keyof typeof said;
      const { stdout } = await run(cmd, project, await chatEnv(), 30_000);
      expect(stdout.trim().split('\n')).toEqual([
        'stored as seq 1',
        `agent received "${said[file]}" from a visitor`,
      ]);
    }, 60_000);
  }

  test('the installed declarations and the React example typecheck with moduleResolution node16 and bundler', async () => {
    const [esm, cjs] = writeTypeChecks(project) as [string, string];
    const strict = ['--noEmit', '--strict', '--skipLibCheck', 'false', '--target', 'es2022'];
    await tsc(project, [...strict, '--module', 'node16', '--moduleResolution', 'node16', esm, cjs]);
    const react = addReactExample(project);
    const bundler = [...strict, '--module', 'preserve', '--moduleResolution', 'bundler'];
    await tsc(project, [...bundler, '--jsx', 'react-jsx', esm, react]);
    // And a wrong call is caught: without the @ts-expect-error, the same file fails.
    const file = join(project, esm);
    writeFileSync(file, readFileSync(file, 'utf8').replace('// @ts-expect-error', '//'));
    await expect(
      tsc(project, [...strict, '--module', 'node16', '--moduleResolution', 'node16', esm]),
    ).rejects.toThrow(/TS2345/);
  }, 60_000);
});

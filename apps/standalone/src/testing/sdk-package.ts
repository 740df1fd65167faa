import { copyFileSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The SDK as a user gets it: built, packed by npm into a tarball, and installed by path into a
 * fresh project outside the workspace, offline (the package has no dependencies to fetch).
 */
export const sdkDir = join(import.meta.dir, '..', '..', '..', '..', 'packages', 'sdk');
const repoRoot = join(sdkDir, '..', '..');

export interface Ran {
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end (killed after `timeoutMs`); throws with its output when it fails.
 * Asynchronous: the platform under test runs in this process and must keep answering.
 */
export async function run(
  cmd: string[],
  cwd: string,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<Ran> {
  const child = Bun.spawn(cmd, {
    cwd,
    env: { ...process.env, ...env },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    timeout: timeoutMs,
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (code !== 0) {
    const how = child.signalCode ? `was killed (${child.signalCode})` : `exited with ${code}`;
    throw new Error(`${cmd.join(' ')} ${how}\n${stdout}\n${stderr}`.trim());
  }
  return { stdout, stderr };
}

/** Builds and packs the SDK into `work`; answers the tarball's path. */
export async function packSdk(npm: string, work: string): Promise<string> {
  await run([process.execPath, 'run', 'build'], sdkDir);
  const packed = join(work, 'packed');
  mkdirSync(packed, { recursive: true });
  await run([npm, 'pack', '--pack-destination', packed], join(sdkDir, 'npm'));
  const [tarball] = readdirSync(packed).filter((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${packed}`);
  return join(packed, tarball);
}

/** A fresh project with the tarball installed and the README's Node, Bun and browser examples. */
export async function installInFreshProject(
  npm: string,
  tarball: string,
  work: string,
): Promise<string> {
  const project = join(work, 'project');
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'sdk-smoke', version: '1.0.0', private: true }),
  );
  await run(
    [npm, 'install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
    project,
  );
  for (const example of ['node.mjs', 'node.cjs', 'browser.html']) {
    copyFileSync(join(sdkDir, 'examples', example), join(project, example));
  }
  return project;
}

/** The repo's TypeScript compiler, run on files of the fresh project. */
export function tsc(project: string, args: string[]): Promise<Ran> {
  const compiler = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  return run([process.execPath, compiler, ...args], project);
}

/**
 * What a TypeScript user writes, once as ESM (`.mts`, the `import` condition) and once as
 * CommonJS (`.cts`, the `require` condition); `strict` and no `skipLibCheck`, so the shipped
 * declarations are checked too.
 */
export function writeTypeChecks(project: string): string[] {
  const body = `
const client = createClient({ url: 'https://chat.example.com', token: 'token' });
const off = client.on('message', (m: Message) => {
  const seq: number = m.seq;
  const from: 'agent' | 'visitor' | 'bot' | 'system' = m.sender.type;
  console.log(seq, from, m.body);
});
const sending: Sending = client.send('conversation', 'Hello');
sending.ack.then((ack) => console.log(ack.seq.toFixed(0)));
off();
// @ts-expect-error: a body is a string
client.send('conversation', 42);
`;
  const files = {
    'check.mts': `import { createClient, type Message, type Sending } from '@fast-light-chat/sdk';\n${body}`,
    'check.cts': `import { createClient, type Message, type Sending } from '@fast-light-chat/sdk';\n${body}`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(project, name), text);
  return Object.keys(files);
}

/**
 * The README's React example, with React's type declarations linked in from the console's (types
 * only: nothing is fetched, and React itself is not needed to typecheck).
 */
export function addReactExample(project: string): string {
  const types = join(project, 'node_modules', '@types');
  mkdirSync(types, { recursive: true });
  symlinkSync(
    join(repoRoot, 'apps', 'console', 'node_modules', '@types', 'react'),
    join(types, 'react'),
  );
  copyFileSync(join(sdkDir, 'examples', 'react.tsx'), join(project, 'react.tsx'));
  return 'react.tsx';
}

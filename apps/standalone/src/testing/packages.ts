import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { run } from './sdk-package.ts';

/**
 * The three npm packages (@fast-light-chat/sdk, /admin, /react) as a user gets them: each built
 * and packed by npm, then installed by path into one fresh project outside the workspace,
 * offline. What they depend on (openapi-fetch, React) is packed from the workspace's own
 * installed copies, so nothing is fetched.
 */
const repoRoot = join(import.meta.dir, '..', '..', '..', '..');
export const packageDir = (name: 'sdk' | 'admin' | 'react') => join(repoRoot, 'packages', name);

/** `npm pack <dir>` into `dest`; answers the tarball's path. */
async function pack(npm: string, dir: string, dest: string): Promise<string> {
  const { stdout } = await run(
    [npm, 'pack', dir, '--pack-destination', dest, '--json', '--ignore-scripts'],
    dest,
  );
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (!packed) throw new Error(`npm pack ${dir} wrote no tarball`);
  return join(dest, packed.filename);
}

/** Where `name` is installed for the package at `from`: the nearest node_modules that has it. */
function installedDir(name: string, from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
  }
  throw new Error(`${name} is not installed for ${from}: run bun install`);
}

/** The installed package `name` and its dependencies, each once, as directories. */
function withDependencies(name: string, from: string, found = new Map<string, string>()) {
  if (found.has(name)) return found;
  const dir = installedDir(name, from);
  found.set(name, dir);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    withDependencies(dependency, dir, found);
  }
  return found;
}

/**
 * Builds and packs the three packages and the dependencies a user's project would fetch
 * (openapi-fetch for admin; react and react-dom for the hooks and their sample app).
 */
export async function packAll(npm: string, work: string): Promise<string[]> {
  const dest = join(work, 'packed');
  mkdirSync(dest, { recursive: true });
  const tarballs: string[] = [];
  for (const name of ['sdk', 'admin', 'react'] as const) {
    await run([process.execPath, 'run', 'build'], packageDir(name), {}, 120_000);
    tarballs.push(await pack(npm, join(packageDir(name), 'npm'), dest));
  }
  const dependencies = withDependencies('openapi-fetch', packageDir('admin'));
  for (const name of ['react', 'react-dom']) {
    withDependencies(name, join(repoRoot, 'apps', 'console'), dependencies);
  }
  for (const dir of dependencies.values()) tarballs.push(await pack(npm, dir, dest));
  return tarballs;
}

/** A fresh project with every tarball installed, and the packages' examples copied in. */
export async function installAll(npm: string, tarballs: string[], work: string): Promise<string> {
  const project = join(work, 'project');
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'packages-smoke', version: '1.0.0', private: true }),
  );
  await run(
    [npm, 'install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs],
    project,
    {},
    120_000,
  );
  for (const file of ['admin.mjs', 'admin.cjs', 'webhook.mjs']) {
    copyFileSync(join(packageDir('admin'), 'examples', file), join(project, file));
  }
  for (const file of ['app.tsx', 'index.html']) {
    copyFileSync(join(packageDir('react'), 'example', file), join(project, file));
  }
  return project;
}

/** React's type declarations, linked in from the console's (types only: nothing is fetched). */
export function linkReactTypes(project: string): void {
  const types = join(project, 'node_modules', '@types');
  mkdirSync(types, { recursive: true });
  for (const name of ['react', 'react-dom']) {
    symlinkSync(
      join(repoRoot, 'apps', 'console', 'node_modules', '@types', name),
      join(types, name),
    );
  }
}

/** A child process's stdout, line by line, as they come. */
export function lineReader(stream: ReadableStream<Uint8Array>) {
  const lines: string[] = [];
  let wake = () => {};
  let ended = false;
  (async () => {
    let rest = '';
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      const parts = (rest + decoder.decode(read.value, { stream: true })).split('\n');
      rest = parts.pop() ?? '';
      lines.push(...parts);
      wake();
    }
    ended = true;
    wake();
  })();
  return {
    lines,
    /** The first line (from `from` on) matching `pattern`; throws if the stream ends first. */
    async next(pattern: RegExp, from = 0): Promise<string> {
      for (;;) {
        const line = lines.slice(from).find((l) => pattern.test(l));
        if (line !== undefined) return line;
        if (ended) throw new Error(`no line matched ${pattern}; got:\n${lines.join('\n')}`);
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

/**
 * The console's production build for hosts that serve it (apps/standalone): built by Vite in a
 * child process on first start, cached by a hash of its sources, and read into memory.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

const root = join(import.meta.dir, '..');
const repo = join(root, '..', '..');
/** Everything that goes into the bundle: the console and the workspace packages it bundles. */
const sources = [
  join(root, 'index.html'),
  join(root, 'vite.config.ts'),
  join(root, 'package.json'),
  join(root, 'src'),
  join(root, 'public'),
  join(repo, 'packages', 'sdk', 'src'),
  join(repo, 'packages', 'protocol', 'src'),
];
const cacheRoot = join(root, 'node_modules', '.cache', 'flc-console');

/** Paths the console routes itself (history API): the host answers them with index.html. */
export const CONSOLE_ROUTES = [
  '/login',
  '/signup',
  '/accept-invite',
  '/forgot-password',
  '/reset-password',
  '/inbox',
  '/mentions',
  '/reports',
  '/settings',
  '/system',
  '/operator',
];

/**
 * The console's pages may run only the console's own scripts, talk only to this origin (REST
 * and the socket), and be framed by nobody: its tokens live in localStorage, so any script that
 * got in could take them. Sent with index.html by the standalone process and by the proxy.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React and the UI set style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface ConsoleFile {
  body: Uint8Array<ArrayBuffer>;
  gzipped: Uint8Array<ArrayBuffer>;
  type: string;
  etag: string;
  /** Content-hashed names (`/assets/...`) never change: cache them for a year. */
  immutable: boolean;
}

export interface ConsoleBuild {
  /** By URL path, `/index.html` included. */
  files: Map<string, ConsoleFile>;
  /** The directory the files were read from. */
  dir: string;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function walk(path: string, visit: (file: string) => void): void {
  if (!existsSync(path)) return;
  const entries = readdirSync(path, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) walk(full, visit);
    else visit(full);
  }
}

/** A hash of every source file's path and bytes: a new one means a new build. */
export function sourceStamp(): string {
  const hash = createHash('sha256');
  for (const source of sources) {
    const visit = (file: string) => {
      if (/\.test\.tsx?$/.test(file)) return;
      hash.update(relative(repo, file)).update('\0').update(readFileSync(file)).update('\0');
    };
    if (existsSync(source) && extname(source) === '') walk(source, visit);
    else if (existsSync(source)) visit(source);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Runs `vite build` into `outDir` in a child process, so the host never loads Vite. */
export async function viteBuild(outDir: string): Promise<void> {
  const child = Bun.spawn([process.execPath, join(root, 'scripts', 'vite-build.ts'), outDir], {
    cwd: root,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const [code, out, err] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  if (code !== 0) throw new Error(`The console did not build (exit ${code}):\n${out}${err}`);
}

/** The built console: from the cache when its sources did not change, else built now. */
export async function loadConsole(): Promise<ConsoleBuild> {
  const dir = join(cacheRoot, sourceStamp());
  if (!existsSync(join(dir, 'index.html'))) {
    const temp = `${dir}.${process.pid}.tmp`;
    rmSync(temp, { recursive: true, force: true });
    mkdirSync(cacheRoot, { recursive: true });
    await viteBuild(temp);
    try {
      renameSync(temp, dir);
    } catch (error) {
      // Another process built the same sources first: use its copy.
      rmSync(temp, { recursive: true, force: true });
      if (!existsSync(join(dir, 'index.html'))) throw error;
    }
    pruneCache(dir);
  }
  return { files: readBuild(dir), dir };
}

/** Keeps the cache to the current build and a few before it. */
function pruneCache(keep: string): void {
  const builds = readdirSync(cacheRoot, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.endsWith('.tmp'))
    .map((e) => join(cacheRoot, e.name))
    .filter((dir) => dir !== keep);
  for (const old of builds.slice(0, Math.max(0, builds.length - 3))) {
    rmSync(old, { recursive: true, force: true });
  }
}

/** Every file of a build directory, in memory, gzipped once. */
export function readBuild(dir: string): Map<string, ConsoleFile> {
  const files = new Map<string, ConsoleFile>();
  walk(dir, (file) => {
    const body = new Uint8Array(readFileSync(file));
    const path = `/${relative(dir, file).split('\\').join('/')}`;
    const hash = createHash('sha256').update(body).digest('base64url');
    files.set(path, {
      body,
      gzipped: Bun.gzipSync(body, { level: 9 }),
      type: types[extname(file)] ?? 'application/octet-stream',
      etag: `"${hash.slice(0, 27)}"`,
      immutable: path.startsWith('/assets/'),
    });
  });
  return files;
}

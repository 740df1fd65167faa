import { join } from 'node:path';

export { LOADER, loaderScript, loaderSnippet, scriptLiteral } from './loader.ts';
export {
  PINNED_WIDGET_CACHE_CONTROL,
  PINNED_WIDGET_PATTERN,
  pinnedWidgetPath,
  WIDGET_CACHE_CONTROL,
  WIDGET_PATH,
} from './versions.ts';

export interface WidgetBundle {
  /** widget.js, minified. */
  code: string;
  /** The same, gzipped (level 9), for clients that accept it. */
  gzipped: Uint8Array<ArrayBuffer>;
  /** A strong ETag from the content hash. */
  etag: string;
}

/** Builds widget.js for browsers: one minified IIFE (no globals but `window.FLC`). */
export async function buildWidget(): Promise<WidgetBundle> {
  const result = await Bun.build({
    entrypoints: [join(import.meta.dir, 'index.ts')],
    target: 'browser',
    format: 'iife',
    minify: true,
  });
  const [output] = result.outputs;
  if (!result.success || !output) {
    throw new AggregateError(result.logs, 'The widget bundle did not build');
  }
  const code = await output.text();
  const bytes = new TextEncoder().encode(code);
  const hash = new Bun.CryptoHasher('sha256').update(bytes).digest('base64url');
  return { code, gzipped: Bun.gzipSync(bytes, { level: 9 }), etag: `"${hash.slice(0, 27)}"` };
}

/**
 * Prints the size of the built bundle, raw and gzipped, and fails if it is over the budget or if
 * TypeBox's runtime got in: the SDK takes only types from @flc/protocol.
 */
export const budgetBytes = 8 * 1024;
const file = process.argv[2] ?? 'dist/sdk.js';
const bytes = new Uint8Array(await Bun.file(file).arrayBuffer());
const text = new TextDecoder().decode(bytes);
const gzipped = Bun.gzipSync(bytes, { level: 9 }).byteLength;
const kb = (n: number) => `${(n / 1024).toFixed(2)} KiB`;
console.log(`${file}: ${kb(bytes.byteLength)} minified, ${kb(gzipped)} gzipped (${gzipped} bytes)`);
if (/TypeCompiler|TypeBox|sinclair/.test(text)) {
  console.error(`${file} contains TypeBox code; import protocol types with \`import type\``);
  process.exit(1);
}
if (gzipped > budgetBytes) {
  console.error(`${file} is over its budget of ${kb(budgetBytes)} gzipped`);
  process.exit(1);
}

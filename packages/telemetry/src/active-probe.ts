/**
 * Run by active.test.ts on Bun and, built for Node, on Node (the realtime node's runtime): prints
 * the spans a traced piece of work made as JSON, `name parentName` each.
 */
import { collectSpans } from './testing.ts';
import { startChildSpan, traced, withSpan } from './tracing.ts';

const collector = await collectSpans('probe');
const child = async (name: string) => startChildSpan(name, { 'db.system': 'probe' })?.end();

await traced('outer', {}, async () => {
  await child('first');
  await new Promise((resolve) => setTimeout(resolve, 1));
  await Promise.all([child('after a timer'), Promise.resolve().then(() => child('in a then'))]);
  await traced('inner', {}, () => child('nested'));
  await child('back in outer');
});
await child('outside');
const span = (await traced('explicit', {}, async (s) => s)) ?? undefined;
await withSpan(span, () => child('with an ended span'));
const spans = collector.spans();
const nameOf = (id: string | undefined) => spans.find((s) => s.spanId === id)?.name ?? '-';
console.log(JSON.stringify(spans.map((s) => `${s.name} ${nameOf(s.parentSpanId)}`)));
await collector.stop();

import { expect, test } from 'bun:test';
import type { Message, MessagePage } from '@flc/protocol/resources';
import type { Api } from '../../../lib/api.ts';
import { getSpanPage } from './get-message-span.ts';

/** A conversation of seqs 1..n behind the REST history's paging, recording each query. */
function fakeApi(n: number, limit = 30) {
  const asked: Record<string, unknown>[] = [];
  const msg = (seq: number) => ({ seq }) as Message;
  const api = {
    async request<T>(_path: string, { query }: { query: Record<string, number> }): Promise<T> {
      asked.push(query);
      const { beforeSeq, afterSeq } = query;
      const seqs =
        beforeSeq !== undefined
          ? Array.from({ length: beforeSeq - 1 }, (_, i) => i + 1).slice(-limit)
          : Array.from({ length: n - (afterSeq ?? 0) }, (_, i) => (afterSeq ?? 0) + i + 1).slice(
              0,
              limit,
            );
      const more = beforeSeq !== undefined ? (seqs[0] ?? 1) > 1 : (seqs.at(-1) ?? n) < n;
      return { items: seqs.map(msg), hasMore: more } satisfies MessagePage as T;
    },
  } as unknown as Api;
  return { api, asked };
}

test('the first page holds the message and a page each side of it', async () => {
  const { api, asked } = fakeApi(100);
  const page = await getSpanPage(api, 'c1', { around: 50 });
  expect(page.items.map((m) => m.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 21));
  expect(page).toMatchObject({ hasOlder: true, hasNewer: true });
  expect(asked).toEqual([
    { beforeSeq: 51, limit: 30 },
    { afterSeq: 50, limit: 30 },
  ]);
});

test('near either end it says there is nothing beyond', async () => {
  const { api } = fakeApi(40);
  expect(await getSpanPage(api, 'c1', { around: 38 })).toMatchObject({
    hasOlder: true,
    hasNewer: false,
  });
  expect(await getSpanPage(api, 'c1', { around: 3 })).toMatchObject({
    hasOlder: false,
    hasNewer: true,
  });
});

test('older and newer pages each report their own direction', async () => {
  const { api } = fakeApi(100);
  const older = await getSpanPage(api, 'c1', { beforeSeq: 21 });
  expect(older.items.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  expect(older).toMatchObject({ hasOlder: false, hasNewer: true });
  const newer = await getSpanPage(api, 'c1', { afterSeq: 80 });
  expect(newer.items.at(-1)?.seq).toBe(100);
  expect(newer).toMatchObject({ hasOlder: true, hasNewer: false });
});

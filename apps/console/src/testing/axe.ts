import { expect } from 'bun:test';
import type { Page } from 'playwright-core';

/** axe-core's browser build, read once from the installed package. */
let source: Promise<string> | undefined;
const axeSource = () => {
  source ??= Bun.file(require.resolve('axe-core/axe.min.js')).text();
  return source;
};

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * The WCAG 2.1 A and AA violations axe-core finds on the page as it is now. Loaded through the
 * debugging protocol, so the page's content security policy (no inline scripts) stays on.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(await axeSource());
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

/**
 * Fails the test with `where` and every violation axe finds (`serious`: only the serious and
 * critical ones, for a widget checked on a host page it does not own).
 */
export async function expectAccessible(
  page: Page,
  where: string,
  impact: 'any' | 'serious' = 'any',
): Promise<void> {
  // Colors are read as drawn: a panel still fading in (an opening animation) has the contrast
  // of its opacity at that instant, so axe waits for every animation that ends (spinners, which
  // never do, are left running).
  await page.evaluate(async () => {
    // The document's, and those of open shadow roots (the widget draws in one).
    const roots: (Document | ShadowRoot)[] = [document];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    const ending = roots
      .flatMap((root) => root.getAnimations())
      .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime ?? Infinity)));
    await Promise.all(ending.map((a) => a.finished.catch(() => undefined)));
  });
  const found = (await axeViolations(page))
    .filter((v) => impact === 'any' || v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.targets.join(', ')}`);
  expect({ where, violations: found }).toEqual({ where, violations: [] });
}

import { type ComponentType, lazy, Suspense } from 'react';
import { Shell } from '../features/shell/shell.tsx';

/**
 * A page loaded in a chunk of its own when first opened (the inbox's bundle does not carry it),
 * in the shell, with a spinner named `loading` meanwhile.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>, loading: string) {
  const Page = lazy(load);
  return () => (
    <Shell>
      <Suspense
        fallback={
          <div className="ui-pane-state">
            <span className="ui-spinner" role="status" aria-label={loading} />
          </div>
        }
      >
        <Page />
      </Suspense>
    </Shell>
  );
}

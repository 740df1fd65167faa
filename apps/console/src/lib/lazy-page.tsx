import { type ComponentType, lazy, Suspense } from 'react';
import { Shell } from '../features/shell/shell.tsx';
import { type MessageKey, t } from './i18n/index.tsx';

/**
 * A page loaded in a chunk of its own when first opened (the inbox's bundle does not carry it),
 * in the shell, with a spinner named `loading` meanwhile.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>, loading: MessageKey) {
  const Page = lazy(load);
  return () => (
    <Shell>
      <Suspense
        fallback={
          <div className="ui-pane-state">
            <span className="ui-spinner" role="status" aria-label={t(loading)} />
          </div>
        }
      >
        <Page />
      </Suspense>
    </Shell>
  );
}

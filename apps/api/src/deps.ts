import type { PlatformParts } from '@flc/storage/platform';

/**
 * What the API needs from its host: the process's platform (`openPlatform`), made once and
 * shared with the gateway beside it, when there is one.
 */
export interface ApiDeps extends PlatformParts {
  /** More of `/metrics` from the host (Prometheus text): the standalone process's workers. */
  metrics?: () => Promise<string>;
}

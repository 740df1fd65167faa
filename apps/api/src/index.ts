export { type Api, createApi } from './app.ts';
export type { ApiDeps } from './deps.ts';
export { JobQueue } from './lib/job-queue.ts';
export { serverBodyLimit } from './lib/uploads.ts';

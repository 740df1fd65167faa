export { TestClient } from './client.ts';
export { type ChatTenant, chatTenant, restClient } from './tenant.ts';

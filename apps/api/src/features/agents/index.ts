import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';

export const agentRoutes = (_deps: ApiDeps) =>
  new Elysia({ prefix: '/v1/agents', tags: ['agents'] });

import { Elysia } from 'elysia';
import type { ApiDeps } from '../../deps.ts';

export const environmentRoutes = (_deps: ApiDeps) =>
  new Elysia({ prefix: '/v1/environments', tags: ['environments'] });

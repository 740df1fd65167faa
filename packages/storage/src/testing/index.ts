export { type DatabaseTarget, pgliteTarget, postgresTarget } from './databases.ts';
export { type Service, serviceUrl, serviceVariables } from './services.ts';

/**
 * Something is not visible in the caller's scope: it does not exist, or it belongs to another
 * tenant, and the two are never told apart. Hosts map it to their own answer (REST: 404).
 */
export class NotFoundError extends Error {
  constructor(readonly what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

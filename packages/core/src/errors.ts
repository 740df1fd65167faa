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

/** One field of a request that was refused, and why. */
export interface InvalidField {
  /** Where the value was, as the host names it (REST: `body.assigneeId`). */
  path: string;
  message: string;
}

/**
 * A request the shared services refuse as it stands (an assignee from another organization, a
 * snooze in the past). Hosts map it to their own answer (REST: 422 `validation`).
 */
export class InvalidRequestError extends Error {
  constructor(readonly fields: InvalidField[]) {
    super('The request is invalid');
    this.name = 'InvalidRequestError';
  }
}

/**
 * The caller holds as many of something as it may (open conversations of one visitor); it can
 * have another once it lets one go. Hosts map it to their own answer (REST: 429 `limit_reached`).
 */
export class LimitReachedError extends Error {
  constructor(
    readonly what: string,
    readonly limit: number,
  ) {
    super(`At most ${limit} ${what} at once`);
    this.name = 'LimitReachedError';
  }
}

/**
 * A request that the current state of a resource does not allow as it stands (a conversation
 * already carrying as many labels as it may). Hosts map it to their own answer (REST: 409
 * `conflict`).
 */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/**
 * The caller may see the thing but not do this to it (a visitor writing a private note). Hosts
 * map it to their own answer (REST: 403 `forbidden`; the socket: an `error` frame `forbidden`).
 */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/**
 * An expected refusal by the domain; the HTTP layer maps `kind` to a status and an error code.
 * @remarks Anything else thrown is a bug and becomes a 500 with no details.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly fields?: readonly { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** What went wrong, in the call centre's terms. */
export type DomainErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'invalid-credentials'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'seat-limit'
  | 'csrf';

/** Shorthand for a 404 of `what`. */
export function notFound(what: string): DomainError {
  return new DomainError('not-found', `${what} not found`);
}

/** Shorthand for a 403. */
export function forbidden(message = 'not allowed for your role or group'): DomainError {
  return new DomainError('forbidden', message);
}

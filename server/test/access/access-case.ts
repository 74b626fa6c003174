import type { TestApp, TestClient } from '../test-app';

/** Who makes the request in an access case. */
export type Who = 'anonymous' | 'admin' | 'sv-a' | 'sv-b' | 'agent-a' | 'agent-b';

/** Every kind of caller: the matrix must say what each may do on every endpoint. */
export const everyone: readonly Who[] = ['anonymous', 'admin', 'sv-a', 'sv-b', 'agent-a', 'agent-b'];

/**
 * One row of the access matrix: a concrete request and who may make it.
 * @remarks `route` is the URL pattern as registered (e.g. `/api/customers/:id`); `url` the
 * concrete URL with ids of resources created by the module's fixture (owned by group A
 * unless the case says otherwise). Callers not in `allowed` must be refused (401 anonymous,
 * 403, 404 or 426 otherwise) and callers in it must get a 2xx.
 */
export interface AccessCase {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly route: string;
  readonly url: string;
  readonly body?: unknown;
  readonly allowed: readonly Who[];
  /** A short description, e.g. 'read a group-A customer'. */
  readonly what: string;
}

/** Clients for each kind of caller: group A is 東京 (sv1, 1001), group B is 大阪 (sv2, 1004). */
export interface Callers {
  get(who: Who): Promise<TestClient>;
}

/** A module's contribution: creates its fixture data, then lists its cases. */
export type AccessModule = (testApp: TestApp, callers: Callers) => Promise<AccessCase[]>;

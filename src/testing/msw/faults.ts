import { http, HttpResponse, type JsonBodyType } from 'msw';
import { errorResponse } from './mock-http';

/** An HTTP method as MSW's `http` namespace names it. */
export type MockMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One-off handlers that break the service on purpose; pass them to `server.use()` in a test.
 * @example server.use(faults.serverError('post', '/api/auth/login'))
 */
export const faults = {
  /** A 500 in the service's shape, as its error handler answers an unhandled error. */
  serverError: (method: MockMethod, path: string) =>
    http[method](path, () => errorResponse(500, 'internal', 'something went wrong on our side; the error was logged')),

  /** A 502 HTML page from a proxy in front of the service. */
  badGateway: (method: MockMethod, path: string) =>
    http[method](path, () => new HttpResponse('<html><body>502 Bad Gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } })),

  /** A 200 whose body breaks the contract. */
  malformed: (method: MockMethod, path: string, body: JsonBodyType = { unexpected: true }) => http[method](path, () => HttpResponse.json(body)),

  /** No answer at all: the connection fails (service down, network lost). */
  unreachable: (method: MockMethod, path: string) => http[method](path, () => HttpResponse.error()),
};

import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode, ErrorResponse } from '../../../../src/contract/errors';
import { DomainError, type DomainErrorKind } from '../../domain/errors';

const statusOf: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  'invalid-credentials': 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'seat-limit': 409,
  csrf: 403,
};

function body(code: ErrorCode, message: string, fields?: { path: string; message: string }[]): ErrorResponse {
  return { error: { code, message, ...(fields ? { fields } : {}) } };
}

/**
 * One error handler for the whole service: domain refusals keep their message, validation
 * errors list each field, and 5xx never leak internals (logged once with the request id).
 */
export function installErrorHandler(app: FastifyInstance, options: { spaFallback: boolean }): void {
  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
    if (error instanceof DomainError) {
      const fields = error.fields ? [...error.fields] : undefined;
      return reply.status(statusOf[error.kind]).send(body(error.kind, error.message, fields));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const fields = error.validation.map((issue) => ({
        path: [where, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: issue.message ?? 'invalid',
      }));
      return reply.status(400).send(body('validation', 'some fields are invalid', fields));
    }
    if (error.statusCode === 429) return reply.status(429).send(body('rate-limited', 'too many attempts; wait a minute and try again'));
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(body('validation', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('internal', 'something went wrong on our side; the error was logged'));
  });
  app.setNotFoundHandler((request, reply) => {
    // The SPA routes on the client: a page URL that is not a file gets index.html.
    if (options.spaFallback && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).send(body('not-found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
  });
}

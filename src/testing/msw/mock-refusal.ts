import type { ErrorCode } from '../../contract/errors';
import { errorResponse } from './mock-http';

/** A field-level problem, its path relative to the request part (`phones.0.number`). */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

const statusOf = {
  validation: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
} as const satisfies Partial<Record<ErrorCode, number>>;

/** The refusals a module of the mock service may answer with. */
export type MockRefusalCode = keyof typeof statusOf;

/**
 * An expected refusal by a module of the mock service, as the service's `DomainError`: the
 * handler turns it into the contract's error answer with {@link answerRefusals}.
 * @remarks Anything else thrown is a bug of the mock and fails the test that met it.
 */
export class MockRefusal extends Error {
  override readonly name = 'MockRefusal';

  constructor(
    readonly code: MockRefusalCode,
    message: string,
    readonly fields?: readonly FieldProblem[],
  ) {
    super(message);
  }

  /** 400 `validation` listing each field. */
  static invalid(fields: readonly FieldProblem[]): MockRefusal {
    return new MockRefusal('validation', 'some fields are invalid', fields);
  }

  /** 404 for `what` (`call record`, `customer`, `FAQ article`). */
  static notFound(what: string): MockRefusal {
    return new MockRefusal('not-found', `${what} not found`);
  }

  static forbidden(message = 'not allowed for your role or group'): MockRefusal {
    return new MockRefusal('forbidden', message);
  }
}

/**
 * Runs a handler's work and answers a {@link MockRefusal} as the service's error handler does,
 * the field paths placed in the request part they came from (`body.phones.0.number`).
 */
export async function answerRefusals(where: 'body' | 'querystring', work: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof MockRefusal)) throw error;
    const fields = error.fields?.map((field) => ({ path: `${where}.${field.path}`, message: field.message }));
    return errorResponse(statusOf[error.code], error.code, error.message, fields);
  }
}

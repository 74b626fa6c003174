import { HttpResponse } from 'msw';
import type { z } from 'zod';
import { errorResponseSchema, type ErrorCode } from '../../contract/errors';
import { mockDatabase, type SignedInSession } from './mock-database';

/** The service's session cookie and CSRF header. */
export const sessionCookieName = 'tsunagu_session';
export const csrfHeaderName = 'x-csrf-token';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** An error answer in the contract's shape, `{ error: { code, message, fields? } }`. */
export function errorResponse(status: number, code: ErrorCode, message: string, fields?: { path: string; message: string }[]): Response {
  return HttpResponse.json(errorResponseSchema.parse({ error: { code, message, ...(fields ? { fields } : {}) } }), { status });
}

/**
 * A success answer checked against the contract's schema first, so the mock cannot drift from
 * the contract: a wrong body fails the test that provoked it.
 */
export function contractResponse<S extends z.ZodType>(schema: S, body: z.input<S>, init?: ResponseInit): Response {
  return HttpResponse.json(schema.parse(body) as Record<string, unknown>, init);
}

/**
 * The request's JSON body parsed with `schema`, or the service's 400 `validation` answer
 * listing each field.
 */
export async function readBody<S extends z.ZodType>(request: Request, schema: S): Promise<Validated<S>> {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return { ok: false, response: errorResponse(400, 'validation', 'the body is not JSON') };
  }
  return validated('body', schema, json);
}

/**
 * The request's query string parsed with `schema` (a repeated parameter counts once), or the
 * service's 400 `validation` answer listing each field as `querystring.<name>`.
 */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): Validated<S> {
  return validated('querystring', schema, Object.fromEntries(new URL(request.url).searchParams));
}

/** Path parameters parsed with `schema`, or 400 `validation` on `params.<name>`. */
export function readParams<S extends z.ZodType>(params: Readonly<Record<string, string | readonly string[] | undefined>>, schema: S): Validated<S> {
  return validated('params', schema, params);
}

/** A request part checked against the contract: the parsed value or the 400 answer. */
export type Validated<S extends z.ZodType> = { readonly ok: true; readonly value: z.output<S> } | { readonly ok: false; readonly response: Response };

/** Like the service's error handler: each issue's path below the request part it came from. */
function validated<S extends z.ZodType>(where: 'body' | 'querystring' | 'params', schema: S, input: unknown): Validated<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields = parsed.error.issues.map((issue) => ({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message }));
  return { ok: false, response: errorResponse(400, 'validation', 'some fields are invalid', fields) };
}

/**
 * The signed-in session of a request, as the service's auth plugin resolves it: 401
 * `unauthenticated` without a valid session cookie, 403 `csrf` when a state-changing request
 * lacks the session's CSRF token.
 */
export function signedInSession(request: Request, cookies: Record<string, string>): SignedInSession | Response {
  const signedIn = mockDatabase.resolveSession(cookies[sessionCookieName]);
  if (!signedIn) return errorResponse(401, 'unauthenticated', 'sign in first');
  if (!safeMethods.has(request.method) && request.headers.get(csrfHeaderName) !== signedIn.session.csrfToken) {
    return errorResponse(403, 'csrf', 'missing or wrong CSRF token; reload the page');
  }
  return signedIn;
}

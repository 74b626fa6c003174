import { z } from 'zod';

/**
 * The body of every error response of the CTI service.
 * @remarks `code` is stable and translated by the SPA; `fields` lists field-level problems of a
 * 400 (`path` is the dotted path into the request body or query).
 */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** Stable error codes of the service. */
export const errorCodes = [
  'validation',
  'unauthenticated',
  'forbidden',
  'csrf',
  'not-found',
  'conflict',
  'seat-limit',
  'rate-limited',
  'invalid-credentials',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

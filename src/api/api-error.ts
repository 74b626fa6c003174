/** A field-level problem of a refused request (`path` is the dotted path into body or query). */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Why a call to the CTI service failed, as a value the stores turn into state.
 *
 * @remarks
 * - `http`: the service answered with an error status. `code` is the contract's stable error
 *   code (`invalid-credentials`, `seat-limit`, `rate-limited`, …) when the body was a proper
 *   error response, absent when it was not (a proxy's HTML page, an empty 502).
 * - `network`: no answer: the service is unreachable, the connection dropped, or it timed out.
 * - `invalid-response`: a success status whose body does not match the contract (a bug or a
 *   version mismatch between the SPA and the service).
 *
 * `message` is for logs and developers; the UI translates `kind` and `code`, never shows it.
 */
export type ApiError =
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly code?: string;
      readonly message: string;
      readonly fields?: readonly FieldProblem[];
    }
  | { readonly kind: 'network'; readonly message: string }
  | { readonly kind: 'invalid-response'; readonly status: number; readonly message: string };

/** The outcome of a call to the CTI service: the parsed value, or why there is none. */
export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

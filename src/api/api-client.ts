import type { z } from 'zod';
import { errorResponseSchema } from '../contract/errors';
import type { ApiError, ApiResult } from './api-error';
import { decodeText, filenameOf, type DownloadedFile } from './downloaded-file';

/** Header that carries the session's CSRF token on every state-changing request. */
export const csrfHeaderName = 'x-csrf-token';

/** HTTP methods that change something and therefore carry the CSRF token. */
export type MutationMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Values of a query string; `undefined` leaves the parameter out. */
export type QueryParameters = Readonly<Record<string, string | number | boolean | undefined>>;

/** Per-request options: `signal` abandons the request (a search the agent has typed past). */
export interface RequestOptions {
  readonly signal?: AbortSignal;
}

/** A failure nobody expected (5xx, a body that breaks the contract), with the request it came from. */
export type UnexpectedFailureReporter = (error: ApiError, request: string) => void;

/** How the client reaches the CTI service; every option has a production default. */
export interface ApiClientOptions {
  /** Where the API lives; `/api` on the page's own origin by default (cookies are same-origin). */
  readonly baseUrl?: string;
  /** Injected in tests; the global `fetch`, looked up on each call, by default. */
  readonly fetch?: typeof fetch;
  /** A request without an answer after this long fails as `network` (default 15 s). */
  readonly timeoutMs?: number;
  /** Logs 5xx answers and contract violations once, with the request; `console.warn` by default. */
  readonly reportUnexpected?: UnexpectedFailureReporter;
}

const defaultTimeoutMs = 15_000;

/**
 * The typed HTTP client of the CTI service.
 *
 * @remarks
 * Every request goes to the same origin with the session cookie (`credentials: 'same-origin'`);
 * mutations add the CSRF token of the current session. Every answer is parsed with the
 * contract's zod schema (a file, such as a CSV export, is checked for its media type), and
 * every failure becomes an {@link ApiError} value: the client never throws, so stores turn
 * outcomes into state without try/catch.
 */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchFunction: typeof fetch;
  private readonly timeoutMs: number;
  private readonly reportUnexpected: UnexpectedFailureReporter;
  private csrfToken: string | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '/api').replace(/\/$/, '');
    this.fetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    this.reportUnexpected = options.reportUnexpected ?? ((error, request) => console.warn(`CTI service: ${request}: ${error.message}`));
  }

  /**
   * Sets the CSRF token of the signed-in session (from the session response), or forgets it
   * at sign-out; mutations send it in `x-csrf-token`.
   */
  setCsrfToken(token: string | undefined): void {
    this.csrfToken = token;
  }

  /**
   * GETs `path` (below the API base) and parses the answer with `schema`.
   * @remarks An aborted `signal` ends the request as `network` ("cancelled").
   */
  get<S extends z.ZodType>(path: string, schema: S, query: QueryParameters = {}, options: RequestOptions = {}): Promise<ApiResult<z.output<S>>> {
    return this.request('GET', path, schema, undefined, query, options.signal);
  }

  /** Sends a state-changing request with an optional JSON body and parses the answer with `schema`. */
  send<S extends z.ZodType>(method: MutationMethod, path: string, schema: S, body?: unknown): Promise<ApiResult<z.output<S>>> {
    return this.request(method, path, schema, body, {});
  }

  /**
   * GETs a file the service writes (a CSV export) as it came, with the name the service gave it.
   * @remarks A success of another media type (an HTML page, a JSON body) is `invalid-response`;
   * `defaultFilename` stands in when the answer names no file.
   */
  async download(path: string, mediaType: string, defaultFilename: string, query: QueryParameters = {}): Promise<ApiResult<DownloadedFile>> {
    const url = this.urlOf(path, query);
    const described = `GET ${url.pathname}`;
    const exchanged = await this.exchange('GET', url, described, mediaType, undefined);
    if (!exchanged.ok) return exchanged;
    const { response, bytes } = exchanged;
    if (!response.ok) return { ok: false, error: this.httpError(response, decodeText(bytes), described) };
    const contentType = response.headers.get('content-type') ?? '';
    if (contentType.split(';')[0]?.trim().toLowerCase() !== mediaType) {
      return this.unexpected({ kind: 'invalid-response', status: response.status, message: `the answer is ${contentType || 'untyped'}, not ${mediaType}` }, described);
    }
    return {
      ok: true,
      value: {
        filename: filenameOf(response.headers.get('content-disposition')) ?? defaultFilename,
        contentType,
        blob: new Blob([bytes], { type: contentType }),
        text: decodeText(bytes),
      },
    };
  }

  private async request<S extends z.ZodType>(
    method: 'GET' | MutationMethod,
    path: string,
    schema: S,
    body: unknown,
    query: QueryParameters,
    signal?: AbortSignal,
  ): Promise<ApiResult<z.output<S>>> {
    const url = this.urlOf(path, query);
    const described = `${method} ${url.pathname}`;
    const exchanged = await this.exchange(method, url, described, 'application/json', body, signal);
    if (!exchanged.ok) return exchanged;
    const { response } = exchanged;
    const text = decodeText(exchanged.bytes);

    if (!response.ok) return { ok: false, error: this.httpError(response, text, described) };

    let json: unknown = null;
    if (text.trim() !== '') {
      try {
        json = JSON.parse(text);
      } catch {
        return this.unexpected({ kind: 'invalid-response', status: response.status, message: 'the answer is not JSON' }, described);
      }
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
      return this.unexpected({ kind: 'invalid-response', status: response.status, message: `the answer breaks the contract: ${problems}` }, described);
    }
    return { ok: true, value: parsed.data };
  }

  /** Sends one request and reads the whole answer, or says why there is none (`network`). */
  private async exchange(
    method: 'GET' | MutationMethod,
    url: URL,
    described: string,
    accept: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<{ readonly ok: true; readonly response: Response; readonly bytes: ArrayBuffer } | { readonly ok: false; readonly error: ApiError }> {
    const headers: Record<string, string> = { accept };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken !== undefined) headers[csrfHeaderName] = this.csrfToken;

    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    const cancel = () => abort.abort();
    if (signal?.aborted) abort.abort();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      const response = await this.fetchFunction(url, {
        method,
        headers,
        credentials: 'same-origin',
        signal: abort.signal,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { ok: true, response, bytes: await response.arrayBuffer() };
    } catch (error) {
      const message = signal?.aborted ? 'cancelled' : abort.signal.aborted ? `no answer within ${this.timeoutMs} ms` : error instanceof Error ? error.message : String(error);
      return { ok: false, error: { kind: 'network', message: `${described}: ${message}` } };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    }
  }

  private httpError(response: Response, text: string, described: string): ApiError {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const parsed = errorResponseSchema.safeParse(body);
    const error: ApiError = parsed.success
      ? {
          kind: 'http',
          status: response.status,
          code: parsed.data.error.code,
          message: parsed.data.error.message,
          ...(parsed.data.error.fields ? { fields: parsed.data.error.fields } : {}),
        }
      : { kind: 'http', status: response.status, message: `HTTP ${response.status} ${response.statusText}`.trim() };
    if (response.status >= 500 || !parsed.success) this.reportUnexpected(error, described);
    return error;
  }

  private unexpected<T>(error: ApiError, described: string): ApiResult<T> {
    this.reportUnexpected(error, described);
    return { ok: false, error };
  }

  private urlOf(path: string, query: QueryParameters): URL {
    const origin = typeof location === 'undefined' ? 'http://localhost/' : location.href;
    const url = new URL(`${this.baseUrl}${path.startsWith('/') ? path : `/${path}`}`, origin);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url;
  }
}

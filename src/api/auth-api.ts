import { z } from 'zod';
import { sessionResponseSchema, type LoginRequest, type SessionResponse } from '../contract/auth';
import type { ApiClient } from './api-client';
import type { ApiResult } from './api-error';

/** Sign-out answers 204 with no body. */
const signedOutSchema = z.null();

/**
 * Sign-in, the current session and sign-out (`/api/auth/*`).
 * @remarks The session itself is the httpOnly cookie `tsunagu_session`, invisible to scripts;
 * what the SPA keeps is the session response: user, CSRF token, expiry, SIP credentials.
 */
export class AuthApi {
  constructor(private readonly client: ApiClient) {}

  /**
   * POST /api/auth/login: opens a session and takes a seat.
   * @remarks Refusals: 401 `invalid-credentials`, 409 `seat-limit`, 429 `rate-limited`.
   */
  login(credentials: LoginRequest): Promise<ApiResult<SessionResponse>> {
    return this.client.send('POST', '/auth/login', sessionResponseSchema, credentials);
  }

  /**
   * GET /api/auth/session: the session of the cookie, with freshly issued SIP credentials.
   * @remarks 401 `unauthenticated` when there is no (more) session.
   */
  session(): Promise<ApiResult<SessionResponse>> {
    return this.client.get('/auth/session', sessionResponseSchema);
  }

  /** POST /api/auth/logout: ends the session and frees the seat. */
  logout(): Promise<ApiResult<null>> {
    return this.client.send('POST', '/auth/logout', signedOutSchema);
  }
}

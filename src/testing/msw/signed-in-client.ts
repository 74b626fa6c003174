import { vi } from 'vitest';
import { ApiClient, type UnexpectedFailureReporter } from '../../api/api-client';
import { AuthApi } from '../../api/auth-api';
import { demoAccount } from './demo-directory';

/**
 * An API client signed in to the mock service as the demo user `username`, with the
 * session's CSRF token set, and the spy that receives its unexpected failures.
 * @remarks For tests with `installMockService()`; the session lives in MSW's cookie jar, so
 * the latest sign-in is the one every client of the test file uses.
 */
export async function signedInClient(username: string): Promise<{ client: ApiClient; reportUnexpected: ReturnType<typeof vi.fn<UnexpectedFailureReporter>> }> {
  const reportUnexpected = vi.fn<UnexpectedFailureReporter>();
  const client = new ApiClient({ reportUnexpected, timeoutMs: 2000 });
  const session = await new AuthApi(client).login({ username, password: demoAccount(username).password });
  if (!session.ok) throw new Error(`sign-in as ${username} failed: ${session.error.message}`);
  client.setCsrfToken(session.value.csrfToken);
  return { client, reportUnexpected };
}

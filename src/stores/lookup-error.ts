import type { ApiError } from '../api/api-error';
import { exhaustiveSwitchError } from '../lib/exhaustive-switch-error';

/**
 * Why a read from the CTI service (a search, an article, a page of history) found nothing to
 * show, as a value the panes translate.
 * @remarks `network`: no answer (offline, service down, timed out). `session-expired`: 401, the
 * agent must sign in again. `invalid-query`: the service refused what was typed (400), e.g. a
 * phone number with a digit missing. `not-found`: 404. `forbidden`: 403, another group's data.
 * `service`: any other failure, with the HTTP status when there was one.
 */
export type LookupError =
  | { readonly kind: 'network' }
  | { readonly kind: 'session-expired' }
  | { readonly kind: 'invalid-query' }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'service'; readonly status: number | undefined };

/** The {@link LookupError} of a failed read. */
export function lookupErrorOf(error: ApiError): LookupError {
  switch (error.kind) {
    case 'network':
      return { kind: 'network' };
    case 'invalid-response':
      return { kind: 'service', status: undefined };
    case 'http':
      if (error.status === 401) return { kind: 'session-expired' };
      if (error.status === 400) return { kind: 'invalid-query' };
      if (error.status === 403) return { kind: 'forbidden' };
      if (error.status === 404) return { kind: 'not-found' };
      return { kind: 'service', status: error.status };
    default:
      return exhaustiveSwitchError(error);
  }
}

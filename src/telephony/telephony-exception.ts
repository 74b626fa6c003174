/**
 * An expected, recoverable refusal of a command; callers may catch it and show it.
 *
 * @remarks
 * Following SIP.js's split, an `Exception` is something the user can cause (dialling while
 * unregistered, pressing hold twice); a plain `Error` is a bug. `kind` is what the UI translates.
 */
export class TelephonyException extends Error {
  override readonly name = 'TelephonyException';

  constructor(
    readonly kind: TelephonyExceptionKind,
    message: string,
  ) {
    super(message);
  }
}

/** The reasons a telephony command may be refused. */
export type TelephonyExceptionKind =
  | 'not-registered'
  | 'invalid-target'
  | 'invalid-state'
  | 'too-many-calls'
  | 'invalid-dtmf'
  | 'dtmf-unavailable'
  | 'request-pending'
  | 'hold-failed';

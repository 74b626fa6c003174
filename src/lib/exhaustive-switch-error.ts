/**
 * Ends a `switch` over a union: the compiler proves every case is handled, and at run time a
 * value the types did not foresee fails loudly instead of being ignored.
 */
export function exhaustiveSwitchError(value: never): never {
  throw new Error(`Unknown switch value: ${String(value)}`);
}

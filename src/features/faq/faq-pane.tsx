/** FAQ and manual search beside the call. */
export function FaqPane() {
  return null;
}

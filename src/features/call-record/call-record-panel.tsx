/** The call record (応対記録) of the desk's current call. */
export function CallRecordPanel() {
  return null;
}

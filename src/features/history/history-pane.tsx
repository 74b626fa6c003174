export interface HistoryPaneProps {
  readonly onDial: (number: string) => void;
}

/** My recent calls and customers, searchable, with click-to-call. */
export function HistoryPane(_props: HistoryPaneProps) {
  return null;
}

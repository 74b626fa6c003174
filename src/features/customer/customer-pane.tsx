import type { DeskCall } from '../../stores/desk-store';

export interface CustomerPaneProps {
  /** The desk's current call; the pane pops the customer found by its number. */
  readonly call: DeskCall | undefined;
  readonly onLinkCustomer: (sipCallId: string, customerId: string | null) => void;
  readonly onDial: (number: string) => void;
}

/** Screen pop: the caller's customer and their previous records, or a new-customer form. */
export function CustomerPane(_props: CustomerPaneProps) {
  return null;
}

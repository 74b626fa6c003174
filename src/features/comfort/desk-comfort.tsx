import { IncomingCallNotifier } from './incoming-call-notifier';
import { KeyboardShortcuts } from './keyboard-shortcuts';

/**
 * Working comfort of the agent desktop, mounted once beside it: keyboard shortcuts with their
 * help overlay (`?`), and desktop notifications of calls that ring while the tab is hidden.
 */
export function DeskComfort() {
  return (
    <>
      <KeyboardShortcuts />
      <IncomingCallNotifier />
    </>
  );
}

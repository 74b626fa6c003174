import type { KeyboardEvent } from 'react';

/** The elements that take focus inside a modal dialog. */
export const modalFocusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The keys of a modal dialog, as its `onKeyDown`: Escape closes it; Tab and Shift+Tab wrap
 * around the dialog's focusable elements, so focus never leaves it while it is open.
 * @param close Called on Escape (the event goes no further, so an outer shortcut does not fire).
 */
export function onModalKeyDown(event: KeyboardEvent<HTMLElement>, close: () => void): void {
  if (event.key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    close();
    return;
  }
  if (event.key !== 'Tab') return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>(modalFocusable)];
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

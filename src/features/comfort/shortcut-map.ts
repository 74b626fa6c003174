import type { MessageKey } from '../../i18n/i18n';

/** What a keyboard shortcut does. */
export type ShortcutAction = 'answer' | 'hangup' | 'hold' | 'mute' | 'transfer' | 'faq' | 'customer' | 'help';

/** The part of a `KeyboardEvent` the shortcuts read. */
export interface ShortcutKey {
  readonly key: string;
  /** The physical key (`KeyA`), the same on Japanese, US and Mac layouts whatever Alt/Option types. */
  readonly code: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
}

/** One line of the help overlay. */
export interface ShortcutEntry {
  readonly action: ShortcutAction;
  /** The keys as shown to the agent. */
  readonly keys: string;
  readonly description: MessageKey;
}

/**
 * Alt + a letter: global, so they work while the agent types notes (Alt+letter types nothing
 * in a text field on Windows and Linux; on a Mac, Option+letter would type a symbol, which the
 * handler prevents). Letters avoid Chrome's own Alt+D, Alt+E and Alt+F (address bar, menu).
 */
const altShortcuts: Readonly<Record<string, Exclude<ShortcutAction, 'help'>>> = {
  KeyA: 'answer',
  KeyH: 'hangup',
  KeyO: 'hold',
  KeyM: 'mute',
  KeyT: 'transfer',
  KeyQ: 'faq',
  KeyC: 'customer',
};

/** The shortcuts in the order the help overlay lists them. */
export const shortcutList: readonly ShortcutEntry[] = [
  { action: 'answer', keys: 'Alt + A', description: 'comfort.shortcuts.answer' },
  { action: 'hangup', keys: 'Alt + H', description: 'comfort.shortcuts.hangup' },
  { action: 'hold', keys: 'Alt + O', description: 'comfort.shortcuts.hold' },
  { action: 'mute', keys: 'Alt + M', description: 'comfort.shortcuts.mute' },
  { action: 'transfer', keys: 'Alt + T', description: 'comfort.shortcuts.transfer' },
  { action: 'faq', keys: 'Alt + Q', description: 'comfort.shortcuts.faq' },
  { action: 'customer', keys: 'Alt + C', description: 'comfort.shortcuts.customer' },
  { action: 'help', keys: '?', description: 'comfort.shortcuts.help' },
];

/**
 * The action of a key press, if it is a shortcut.
 * @param typing - focus is in a text field: `?` is then a character, not the help key.
 */
export function shortcutFor(event: ShortcutKey, typing: boolean): ShortcutAction | undefined {
  if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) return altShortcuts[event.code];
  if (event.key === '?' && !event.altKey && !event.ctrlKey && !event.metaKey && !typing) return 'help';
  return undefined;
}

/** True when `target` takes typed text (an input, a text area, a select or an editable element). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return false;
}

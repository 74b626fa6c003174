import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '../../components/ui/button';
import type { NotReadyReason } from '../../contract/desk-policy';
import { useLocaleStore, useT } from '../../i18n/locale-store';

/** What the 離席 menu shows and does. */
export interface NotReadyMenuProps {
  /** The policy's reasons in display order; empty while the policy is loading. */
  readonly reasons: readonly NotReadyReason[];
  /** The reason code that is current (or chosen for after the wrap-up), to mark it. */
  readonly chosen: string | null;
  /** Shows the button pressed (not ready now, or chosen for after the wrap-up). */
  readonly pressed: boolean;
  readonly disabled: boolean;
  readonly onChoose: (code: string) => void;
}

/**
 * 離席: a menu button listing the not-ready reasons (休憩, 昼休憩…).
 * @remarks The WAI-ARIA menu button pattern: Enter, Space or ↓ open the menu on the first
 * reason (↑ on the last); ↑ ↓ Home End move; Enter or Space choose; Escape or Tab close;
 * focus returns to the button after a choice or Escape.
 */
export function NotReadyMenu({ reasons, chosen, pressed, disabled, onChoose }: NotReadyMenuProps) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const focusItem = (index: number): void => {
    const count = reasons.length;
    if (count === 0) return;
    itemRefs.current[((index % count) + count) % count]?.focus();
  };

  const openAt = (index: number): void => {
    setOpen(true);
    // The items exist only after this render.
    requestAnimationFrame(() => focusItem(index));
  };

  const close = (returnFocus: boolean): void => {
    setOpen(false);
    if (returnFocus) containerRef.current?.querySelector<HTMLButtonElement>('[aria-haspopup="menu"]')?.focus();
  };

  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      openAt(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(reasons.length - 1);
    }
  };

  const onMenuKey = (event: KeyboardEvent<HTMLUListElement>): void => {
    const index = itemRefs.current.findIndex((item) => item === document.activeElement);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusItem(index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusItem(index - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusItem(0);
        break;
      case 'End':
        event.preventDefault();
        focusItem(reasons.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
      default:
    }
  };

  const choose = (code: string): void => {
    onChoose(code);
    close(true);
  };

  return (
    <div
      ref={containerRef}
      className="relative"
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget)) setOpen(false);
      }}
    >
      <Button
        data-testid="go-not-ready"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-pressed={pressed}
        disabled={disabled}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKey}
      >
        {t('desk.action.notReady')} <span aria-hidden="true">▾</span>
      </Button>
      {open && (
        <ul
          id={menuId}
          role="menu"
          aria-label={t('desk.action.reasonMenu')}
          data-testid="not-ready-reason"
          onKeyDown={onMenuKey}
          className="absolute left-0 z-20 mt-1 min-w-40 rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-200"
        >
          {reasons.length === 0 && (
            <li role="none" className="px-3 py-2 text-sm text-slate-500">
              {t('desk.action.noReasons')}
            </li>
          )}
          {reasons.map((reason, index) => (
            <li key={reason.code} role="none">
              <button
                ref={(element) => {
                  itemRefs.current[index] = element;
                }}
                type="button"
                role="menuitemradio"
                aria-checked={chosen === reason.code}
                tabIndex={-1}
                data-reason={reason.code}
                onClick={() => choose(reason.code)}
                className="block w-full px-3 py-2 text-left text-sm text-slate-800 hover:bg-indigo-50 focus-visible:bg-indigo-50 focus-visible:outline focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500 aria-checked:font-semibold"
              >
                {locale === 'ja' ? reason.nameJa : reason.nameEn}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { Button } from '../../components/ui/button';
import { modalFocusable, onModalKeyDown } from '../../components/ui/modal-keys';
import { useT } from '../../i18n/locale-store';
import { shortcutList } from './shortcut-map';


/**
 * The list of keyboard shortcuts as a modal dialog.
 * @remarks Focus moves into the dialog and stays there (Tab and Shift+Tab wrap); Escape or the
 * close button closes it and focus returns to where it was.
 */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const t = useT();
  const dialog = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const introId = useId();

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    dialog.current?.querySelector<HTMLElement>(modalFocusable)?.focus();
    return () => previous?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => onModalKeyDown(event, () => onClose());

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        aria-describedby={introId}
        data-testid="shortcut-help"
        onKeyDown={onKeyDown}
        className="flex w-full max-w-md flex-col gap-4 rounded-2xl bg-white p-6 shadow-2xl"
      >
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          {t('comfort.shortcuts.title')}
        </h2>
        <p id={introId} className="text-sm text-slate-600">
          {t('comfort.shortcuts.intro')}
        </p>
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-xs text-slate-500">
              <th scope="col" className="py-1 pr-4 font-medium">
                {t('comfort.shortcuts.keys')}
              </th>
              <th scope="col" className="py-1 font-medium">
                {t('comfort.shortcuts.action')}
              </th>
            </tr>
          </thead>
          <tbody>
            {shortcutList.map((entry) => (
              <tr key={entry.action} className="border-b border-slate-100" data-action={entry.action}>
                <td className="py-1.5 pr-4">
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800">{entry.keys}</kbd>
                </td>
                <td className="py-1.5 text-slate-800">{t(entry.description)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Button tone="primary" className="self-end" data-testid="shortcut-help-close" onClick={onClose}>
          {t('comfort.shortcuts.close')}
        </Button>
      </div>
    </div>
  );
}

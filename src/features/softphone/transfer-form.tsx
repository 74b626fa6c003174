import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { useT } from '../../i18n/locale-store';
import { usePhone } from '../../stores/phone-store-context';
import type { CallSnapshot } from '../../telephony';

/**
 * The DOM id of a call's transfer field: the keyboard shortcut (Alt+T) focuses it.
 * @remarks Kept in step with `transferTargetId` of the comfort feature (features do not import each other).
 */
export function transferTargetId(callId: string): string {
  return `transfer-target-${callId}`;
}

/** Blind transfer of a connected call: where to, and the button; the outcome comes back as a notice. */
export function TransferForm({ call }: { call: CallSnapshot }) {
  const t = useT();
  const [target, setTarget] = useState('');
  const transfer = usePhone((state) => state.transfer);
  const inputId = transferTargetId(call.id);
  const canTransfer = target.trim() !== '' && !call.transferPending;

  const submit = (event: { preventDefault: () => void }) => {
    event.preventDefault();
    if (!canTransfer) return;
    void transfer(call.id, target.trim());
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-1">
      <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
        {t('call.transfer.label')}
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          data-testid="transfer-target"
          aria-keyshortcuts="Alt+T"
          inputMode="tel"
          autoComplete="off"
          value={target}
          placeholder={t('call.transfer.placeholder')}
          onChange={(event) => setTarget(event.target.value)}
          className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
        />
        <Button type="submit" data-testid="transfer-submit" disabled={!canTransfer} aria-busy={call.transferPending}>
          {call.transferPending ? t('call.transfer.pending') : t('call.transfer.submit')}
        </Button>
      </div>
    </form>
  );
}

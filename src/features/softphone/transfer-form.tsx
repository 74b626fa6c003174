import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { useT } from '../../i18n/locale-store';
import { usePhone } from '../../stores/phone-store-context';
import type { CallSnapshot } from '../../telephony';
import { partyLabel } from './party-label';

/**
 * The DOM id of a call's transfer field: the keyboard shortcut (Alt+T) focuses it.
 * @remarks Kept in step with `transferTargetId` of the comfort feature (features do not import each other).
 * During a consultation the id names the 転送完了 button of either call instead, so Alt+T
 * goes straight to completing the transfer, whichever of the two the agent is talking on.
 */
export function transferTargetId(callId: string): string {
  return `transfer-target-${callId}`;
}

/**
 * Transfer of a connected call: where to, then 「ブラインド転送」 (REFER at once) or
 * 「相談転送」 (hold the customer and call the target first). Outcomes come back as notices.
 */
export function TransferForm({ call }: { call: CallSnapshot }) {
  const t = useT();
  const [target, setTarget] = useState('');
  const transfer = usePhone((state) => state.transfer);
  const consult = usePhone((state) => state.consult);
  const inputId = transferTargetId(call.id);
  const canTransfer = target.trim() !== '' && !call.transferPending;

  const submit = (event: { preventDefault: () => void }) => {
    event.preventDefault();
    if (!canTransfer) return;
    void transfer(call.id, target.trim());
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-1" data-testid="transfer-form">
      <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
        {t('call.transfer.label')}
      </label>
      <div className="flex flex-wrap gap-2">
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
        <Button data-testid="transfer-consult" disabled={!canTransfer} onClick={() => void consult(call.id, target.trim())}>
          {t('call.transfer.consult')}
        </Button>
      </div>
    </form>
  );
}

/**
 * The controls of an attended transfer in progress, on both calls of the pair: complete
 * (REFER with Replaces once the target answered; before that, the customer is sent there
 * blind), or cancel (hang up the consultation and go back to the customer).
 */
export function ConsultationControls({ call }: { call: CallSnapshot }) {
  const t = useT();
  const calls = usePhone((state) => state.calls);
  const completeTransfer = usePhone((state) => state.completeTransfer);
  const cancelConsultation = usePhone((state) => state.cancelConsultation);
  const link = call.consultation;
  if (!link) return null;
  const consultation = link.role === 'consultation' ? call : calls.find((other) => other.id === link.consultationCallId);
  const customer = link.role === 'customer' ? call : calls.find((other) => other.id === link.customerCallId);
  const answered = consultation?.state === 'active' || consultation?.state === 'held';
  const pending = customer?.transferPending ?? false;
  const customerName = customer ? partyLabel(customer) : '';
  const hintId = `consultation-hint-${call.id}`;
  return (
    <div className="flex flex-col gap-2 rounded-lg bg-indigo-50 p-2" data-testid="consultation" data-role={link.role}>
      <p className="text-sm font-medium text-indigo-900" data-testid="consultation-label">
        {link.role === 'customer' ? t('call.transfer.consulting', { target: link.target }) : t('call.transfer.consultationFor', { customer: customerName })}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          tone="primary"
          id={transferTargetId(call.id)}
          aria-keyshortcuts="Alt+T"
          aria-describedby={answered ? undefined : hintId}
          data-testid="transfer-complete"
          disabled={pending}
          aria-busy={pending}
          onClick={() => void completeTransfer(call.id)}
        >
          {pending ? t('call.transfer.pending') : t('call.transfer.complete')}
        </Button>
        <Button data-testid="transfer-cancel" disabled={pending} onClick={() => void cancelConsultation(call.id)}>
          {t('call.transfer.cancelConsultation')}
        </Button>
      </div>
      {!answered && (
        <p id={hintId} className="text-xs text-slate-600">
          {t('call.transfer.completeHint', { target: link.role === 'customer' ? link.target : (consultation?.remoteUser ?? '') })}
        </p>
      )}
    </div>
  );
}

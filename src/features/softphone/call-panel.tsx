import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { Keypad } from '../../components/ui/keypad';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/locale-store';
import { usePhone } from '../../stores/phone-store-context';
import { isConnected, type CallSnapshot } from '../../telephony';
import { CallQualityIndicator } from './call-quality-indicator';
import { CallTimer } from './call-timer';
import { CallMicLevel } from './level-meter';
import { partyLabel } from './party-label';
import { QueueLabel } from './queue-label';
import { MonitoringFlag } from './monitoring-flag';
import { RecordingFlag } from './recording-flag';
import { ConsultationControls, TransferForm } from './transfer-form';

const stateKey: Record<Exclude<CallSnapshot['state'], 'incoming' | 'ended'>, MessageKey> = {
  dialing: 'call.dialing',
  ringing: 'call.ringing',
  answering: 'call.answering',
  active: 'call.active',
  held: 'call.held',
};

/** One call in progress: who, how long, and its controls. */
export function CallPanel({ call, others }: { call: CallSnapshot; others: number }) {
  const t = useT();
  const [keypadOpen, setKeypadOpen] = useState(false);
  const hangup = usePhone((state) => state.hangup);
  const toggleHold = usePhone((state) => state.toggleHold);
  const toggleMute = usePhone((state) => state.toggleMute);
  const sendDtmf = usePhone((state) => state.sendDtmf);
  const switchTo = usePhone((state) => state.switchTo);
  const dtmfSent = usePhone((state) => state.dtmfSent[call.id] ?? '');
  const dtmfReceived = usePhone((state) => state.dtmfReceived[call.id] ?? '');
  if (call.state === 'incoming' || call.state === 'ended') return null;
  const connected = isConnected(call.state);
  const held = call.state === 'held';
  const who = partyLabel(call);

  return (
    <section aria-label={who} data-testid="call-panel" data-call-id={call.id} data-state={call.state} data-remote-hold={call.remoteHold} data-consultation={call.consultation?.role} className={`flex flex-col gap-3 rounded-xl border p-4 ${held ? 'border-amber-300 bg-amber-50' : 'border-slate-200 bg-white'}`}>
      <div className="flex items-start justify-between gap-2">
        <div>
          <p className="text-lg font-semibold text-slate-900" data-testid="call-remote">
            {who}
          </p>
          <QueueLabel number={call.queueNumber} testId="call-queue" />
          <p className="text-sm text-slate-600" data-testid="call-state-label">
            {t(stateKey[call.state])}
          </p>
          {call.remoteHold && (
            <p className="text-sm font-medium text-amber-700" data-testid="call-remote-hold">
              {t('call.remoteHold')}
            </p>
          )}
        </div>
        {call.connectedAt !== undefined && <CallTimer since={call.connectedAt} label={t('call.timer')} />}
      </div>
      {connected && <RecordingFlag sipCallId={call.sipCallId} />}
      {connected && <MonitoringFlag sipCallId={call.sipCallId} />}
      {connected && (
        <div className="flex items-center gap-3">
          <CallQualityIndicator callId={call.id} />
          {call.state === 'active' && (
            <div className="flex-1">
              <CallMicLevel callId={call.id} />
            </div>
          )}
        </div>
      )}
      <div role="group" aria-label={t('call.controls')} className="flex flex-wrap gap-2">
        {connected && (
          <>
            <Button aria-pressed={held} disabled={call.holdPending} aria-keyshortcuts="Alt+O" data-testid="call-hold" onClick={() => void toggleHold(call.id)}>
              {held ? t('call.resume') : t('call.hold')}
            </Button>
            <Button aria-pressed={call.muted} aria-keyshortcuts="Alt+M" data-testid="call-mute" onClick={() => toggleMute(call.id)}>
              {call.muted ? t('call.unmute') : t('call.mute')}
            </Button>
            <Button aria-pressed={keypadOpen} aria-expanded={keypadOpen} data-testid="call-keypad" onClick={() => setKeypadOpen(!keypadOpen)} disabled={held}>
              {t('call.keypad')}
            </Button>
          </>
        )}
        {held && others > 0 && (
          <Button data-testid="call-switch" onClick={() => void switchTo(call.id)}>
            {t('call.switch')}
          </Button>
        )}
        <Button tone="danger" className="ml-auto" aria-keyshortcuts="Alt+H" data-testid="call-hangup" onClick={() => void hangup(call.id)}>
          {connected ? t('call.hangup') : t('call.cancel')}
        </Button>
      </div>
      {call.consultation ? <ConsultationControls call={call} /> : connected && <TransferForm call={call} />}
      {dtmfReceived !== '' && (
        <p className="font-mono text-sm text-slate-600" aria-live="polite">
          {t('call.dtmfReceived')}: <span data-testid="dtmf-received">{dtmfReceived}</span>
        </p>
      )}
      {keypadOpen && call.state === 'active' && (
        <div className="flex flex-col gap-2">
          <Keypad label={t('call.keypad')} testIdPrefix="dtmf-key" onKey={(key) => void sendDtmf(call.id, key)} />
          <p className="font-mono text-sm text-slate-600" aria-live="polite">
            {t('call.dtmfSent')}: <span data-testid="dtmf-sent">{dtmfSent}</span>
          </p>
        </div>
      )}
    </section>
  );
}

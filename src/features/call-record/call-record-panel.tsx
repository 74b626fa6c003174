import { useEffect, useId, type KeyboardEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/ui/button';
import { maxCallNotesLength, type CallCode } from '../../contract/call-records';
import type { RequiredRecordField } from '../../contract/desk-policy';
import type { Locale, MessageKey } from '../../i18n/i18n';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { useCustomers } from '../../stores/customer-store-context';
import { useDesk } from '../../stores/desk-store-context';
import { useQueueName } from '../../stores/queue-store-context';
import { missingRequiredFields, offeredCodes, type RecordDraft, type RecordField, type RecordFields } from '../../stores/record-store';
import { useRecords } from '../../stores/record-store-context';
import { exhaustiveSwitchError } from '../../lib/exhaustive-switch-error';
import { formatJapanClock } from './japan-time';

const emptyFields: RecordFields = { categoryId: null, notes: '', dispositionId: null, followUpAt: null, customerId: null };
const noRequiredFields: readonly RequiredRecordField[] = [];

const controlClass =
  'w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 aria-invalid:border-rose-500';

/** The call record (応対記録) of the desk's current call: shown from answer through after-call work. */
export function CallRecordPanel() {
  const t = useT();
  const current = useDesk((state) => state.current);
  const loadCodes = useRecords((state) => state.loadCodes);
  const track = useRecords((state) => state.track);
  const active = current !== undefined && current.stage !== 'ringing';
  const sipCallId = current?.sipCallId;
  const callRecordId = current?.callRecordId;
  const customerId = current?.customerId ?? null;

  useEffect(() => loadCodes(), [loadCodes]);
  useEffect(() => {
    if (active && sipCallId !== undefined) track({ sipCallId, callRecordId, customerId });
  }, [active, sipCallId, callRecordId, customerId, track]);

  if (!active) {
    return (
      <section aria-labelledby="record-panel-title" data-testid="record-panel-idle" className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <h2 id="record-panel-title" className="text-base font-semibold text-slate-900">
          {t('record.title')}
        </h2>
        <p className="mt-2 text-sm text-slate-500">{t('record.idle')}</p>
      </section>
    );
  }
  return <RecordForm sipCallId={current.sipCallId} wrapUp={current.stage === 'wrap-up'} hasRecord={current.callRecordId !== undefined} queueNumber={current.queueNumber} />;
}

/** The queue the call came through, named when the agent's queues are known: 東京窓口 (2001). */
function RecordQueue({ number }: { number: string }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const queue = useQueueName(number);
  const name = queue === undefined ? undefined : locale === 'ja' ? queue.nameJa : queue.nameEn;
  return (
    <p className="text-sm text-slate-600">
      {t('record.queue')}: <span data-testid="record-queue">{name === undefined ? number : t('record.queueNamed', { name, number })}</span>
    </p>
  );
}

function RecordForm({ sipCallId, wrapUp, hasRecord, queueNumber }: { sipCallId: string; wrapUp: boolean; hasRecord: boolean; queueNumber: string | undefined }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const draft = useRecords((state) => state.drafts[sipCallId]);
  const categories = useRecords((state) => state.categories);
  const dispositions = useRecords((state) => state.dispositions);
  const codesError = useRecords((state) => state.codesError);
  const edit = useRecords((state) => state.edit);
  const save = useRecords((state) => state.save);
  const required = useDesk((state) => state.policy?.afterCallWork.requiredFields ?? noRequiredFields);
  const missing = useRecords(useShallow((state) => missingRequiredFields(state, sipCallId, required)));
  const fields = draft?.fields ?? emptyFields;
  const seenName = useCustomers((state) => (fields.customerId === null ? undefined : state.names[fields.customerId]));
  const customerName = fields.customerId === null ? null : (seenName ?? draft?.customerName ?? null);
  const ids = { title: useId(), category: useId(), notes: useId(), disposition: useId(), followUp: useId() };

  const change = (changes: Partial<RecordFields>) => edit(sipCallId, changes);
  const problemOf = (field: RecordField) => draft?.problems.find((problem) => problem.field === field);
  const fieldState = (field: RecordField) => {
    const isRequired = (required as readonly string[]).includes(field);
    const problem = problemOf(field);
    const needed = wrapUp && (missing as readonly string[]).includes(field);
    return { isRequired, problem, needed };
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    // Ctrl+S / ⌘S saves at once, as in any editor.
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      save(sipCallId);
    }
  };

  const category = fieldState('categoryId');
  const notes = fieldState('notes');
  const disposition = fieldState('dispositionId');
  const followUp = fieldState('followUpAt');

  return (
    <section aria-labelledby={ids.title} data-testid="record-panel" data-stage={wrapUp ? 'wrap-up' : 'talking'} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={ids.title} className="text-base font-semibold text-slate-900">
          {t('record.title')}
          <span className={`ml-2 rounded-full px-2 py-0.5 text-xs font-medium ${wrapUp ? 'bg-amber-100 text-amber-800' : 'bg-emerald-100 text-emerald-800'}`}>
            {wrapUp ? t('record.stage.wrapUp') : t('record.stage.talking')}
          </span>
        </h2>
        <p className="text-sm text-slate-600">
          {t('record.customer')}: <span data-testid="record-customer">{customerName ?? t('record.customerNone')}</span>
        </p>
        {queueNumber !== undefined && <RecordQueue number={queueNumber} />}
      </div>
      {codesError && (
        <p role="alert" className="mt-2 text-sm text-amber-700">
          {t('record.codesError')}
        </p>
      )}
      <form
        className="mt-3 grid gap-3 md:grid-cols-2"
        onKeyDown={onKeyDown}
        onSubmit={(event) => {
          event.preventDefault();
          save(sipCallId);
        }}
      >
        <LabelledControl id={ids.category} label={t('record.category')} {...category}>
          <select
            id={ids.category}
            data-testid="record-category"
            className={controlClass}
            value={fields.categoryId ?? ''}
            aria-required={category.isRequired || undefined}
            aria-invalid={category.problem || category.needed ? true : undefined}
            aria-describedby={describedBy(ids.category, category)}
            onChange={(event) => change({ categoryId: event.target.value === '' ? null : event.target.value })}
          >
            <option value="">{t('record.none')}</option>
            {offeredCodes(categories, fields.categoryId).map((code) => (
              <option key={code.id} value={code.id}>
                {codeLabel(code, locale, t)}
              </option>
            ))}
          </select>
        </LabelledControl>
        <LabelledControl id={ids.disposition} label={t('record.disposition')} {...disposition}>
          <select
            id={ids.disposition}
            data-testid="record-disposition"
            className={controlClass}
            value={fields.dispositionId ?? ''}
            aria-required={disposition.isRequired || undefined}
            aria-invalid={disposition.problem || disposition.needed ? true : undefined}
            aria-describedby={describedBy(ids.disposition, disposition)}
            onChange={(event) => change({ dispositionId: event.target.value === '' ? null : event.target.value })}
          >
            <option value="">{t('record.none')}</option>
            {offeredCodes(dispositions, fields.dispositionId).map((code) => (
              <option key={code.id} value={code.id}>
                {codeLabel(code, locale, t)}
              </option>
            ))}
          </select>
        </LabelledControl>
        <div className="md:col-span-2">
          <LabelledControl id={ids.notes} label={t('record.notes')} {...notes}>
            <textarea
              id={ids.notes}
              data-testid="record-notes"
              rows={5}
              maxLength={maxCallNotesLength}
              className={`${controlClass} resize-y`}
              value={fields.notes}
              aria-required={notes.isRequired || undefined}
              aria-invalid={notes.problem || notes.needed ? true : undefined}
              aria-describedby={`${ids.notes}-count ${describedBy(ids.notes, notes) ?? ''}`.trim()}
              onChange={(event) => change({ notes: event.target.value })}
            />
            <p id={`${ids.notes}-count`} data-testid="record-notes-count" className={`text-right text-xs ${fields.notes.length >= maxCallNotesLength ? 'text-rose-700' : 'text-slate-500'}`}>
              {t('record.notesCount', { count: fields.notes.length.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-GB'), max: maxCallNotesLength.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-GB') })}
            </p>
          </LabelledControl>
        </div>
        <LabelledControl id={ids.followUp} label={t('record.followUp')} {...followUp}>
          <input
            id={ids.followUp}
            type="date"
            data-testid="record-follow-up"
            className={controlClass}
            value={fields.followUpAt ?? ''}
            aria-invalid={followUp.problem ? true : undefined}
            aria-describedby={describedBy(ids.followUp, followUp)}
            onChange={(event) => change({ followUpAt: event.target.value === '' ? null : event.target.value })}
          />
        </LabelledControl>
        <div className="flex items-end justify-end gap-3">
          <SaveStatus draft={draft} hasRecord={hasRecord} locale={locale} />
          <Button type="submit" tone="primary" data-testid="record-save" disabled={!hasRecord}>
            {t('record.save')}
          </Button>
        </div>
      </form>
    </section>
  );
}

interface FieldState {
  readonly isRequired: boolean;
  readonly problem: { readonly field: RecordField } | undefined;
  readonly needed: boolean;
}

function describedBy(id: string, state: FieldState): string | undefined {
  return state.problem || state.needed ? `${id}-message` : undefined;
}

/** A control with its label, required mark and the message under it. */
function LabelledControl({ id, label, isRequired, problem, needed, children }: FieldState & { id: string; label: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
        {isRequired && (
          <span className="ml-1 text-xs font-semibold text-rose-700" data-testid="record-required-mark">
            ＊{t('record.required')}
          </span>
        )}
      </label>
      {children}
      {problem ? (
        <p id={`${id}-message`} className="text-xs text-rose-700">
          {t(`record.problem.${problem.field}`)}
        </p>
      ) : (
        needed && (
          <p id={`${id}-message`} className="text-xs text-amber-700">
            {t('record.requiredMissing')}
          </p>
        )
      )}
    </div>
  );
}

/** Where the record stands: 保存済み 10:32, 未送信・再送します, or why it could not be saved. */
function SaveStatus({ draft, hasRecord, locale }: { draft: RecordDraft | undefined; hasRecord: boolean; locale: Locale }) {
  const t = useT();
  const status = draft?.status ?? 'editing';
  let text: string;
  switch (status) {
    case 'editing':
      text = hasRecord ? t('record.status.editing') : t('record.status.local');
      break;
    case 'saving':
      text = t('record.status.saving');
      break;
    case 'saved':
      text = draft?.savedAt === undefined ? t('record.status.savedNever') : t('record.status.saved', { time: formatJapanClock(draft.savedAt, locale) });
      break;
    case 'unsent':
      text = t('record.status.unsent');
      break;
    case 'error':
      text = t('record.status.error');
      break;
    default:
      return exhaustiveSwitchError(status);
  }
  const detail: MessageKey | undefined = draft?.error && (status === 'unsent' || status === 'error') ? `record.error.${draft.error.kind}` : undefined;
  const tone = status === 'error' ? 'text-rose-700' : status === 'unsent' ? 'text-amber-700' : status === 'saved' ? 'text-emerald-700' : 'text-slate-600';
  return (
    <div role="status" aria-live="polite" data-testid="record-status" data-status={status} className={`mr-auto text-sm ${tone}`}>
      <p>{text}</p>
      {detail && <p className="text-xs">{t(detail)}</p>}
    </div>
  );
}

function codeLabel(code: CallCode, locale: Locale, t: ReturnType<typeof useT>): string {
  const name = locale === 'ja' ? code.nameJa : code.nameEn;
  return code.active ? name : t('record.retired', { name });
}

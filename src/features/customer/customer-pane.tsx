import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import type { CallCode, CallRecordDto } from '../../contract/call-records';
import type { CustomerDetail } from '../../contract/customers';
import type { Locale } from '../../i18n/i18n';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import type { CustomerFieldProblem, CustomerFormField, NewCustomerForm } from '../../stores/customer-store';
import { useCustomers } from '../../stores/customer-store-context';
import type { DeskCall } from '../../stores/desk-store';
import { useRecords } from '../../stores/record-store-context';
import { formatJapanDateTime } from './japan-time';

export interface CustomerPaneProps {
  /** The desk's current call; the pane pops the customer found by its number. */
  readonly call: DeskCall | undefined;
  readonly onLinkCustomer: (sipCallId: string, customerId: string | null) => void;
  readonly onDial: (number: string) => void;
}

/** Longest excerpt of a previous call's notes in the history list. */
const excerptLength = 60;

/** Screen pop: the caller's customer and their previous records, or a new-customer form. */
export function CustomerPane({ call, onLinkCustomer, onDial }: CustomerPaneProps) {
  const t = useT();
  const titleId = useId();
  const popFor = useCustomers((state) => state.popFor);
  const pop = useCustomers((state) => state.pop);
  const popCallId = useCustomers((state) => state.sipCallId);
  const number = useCustomers((state) => state.number);
  const retry = useCustomers((state) => state.retry);
  const choose = useCustomers((state) => state.choose);
  const startNew = useCustomers((state) => state.startNew);
  const sipCallId = call?.sipCallId;
  const remoteNumber = call?.remoteNumber ?? null;
  const linkedCustomerId = call?.customerId ?? null;

  useEffect(() => {
    popFor(sipCallId === undefined ? undefined : { sipCallId, remoteNumber });
  }, [popFor, sipCallId, remoteNumber]);

  // The customer the pop shows is linked to the call's record once per call and customer, so an
  // unlink by the agent elsewhere is not undone.
  const shownId = pop.status === 'found' && popCallId === sipCallId ? pop.customer.id : undefined;
  const linked = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (sipCallId === undefined || shownId === undefined) return;
    const key = `${sipCallId}\n${shownId}`;
    if (linked.current === key) return;
    linked.current = key;
    if (linkedCustomerId !== shownId) onLinkCustomer(sipCallId, shownId);
  }, [sipCallId, shownId, linkedCustomerId, onLinkCustomer]);

  const current = popCallId === sipCallId ? pop : ({ status: 'looking-up' } as const);

  return (
    <section aria-labelledby={titleId} data-testid="customer-pane" data-status={call ? current.status : 'idle'} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id={titleId} className="text-base font-semibold text-slate-900">
        {t('customer.title')}
      </h2>
      <div className="mt-3">
        {(() => {
          if (!call) return <p className="text-sm text-slate-500">{t('customer.idle')}</p>;
          switch (current.status) {
            case 'idle':
            case 'looking-up':
              return (
                <p className="text-sm text-slate-500" aria-live="polite">
                  {t('customer.lookingUp', { number: call.remoteNumber ?? '' })}
                </p>
              );
            case 'failed':
              return (
                <div className="flex flex-wrap items-center gap-3">
                  <p role="alert" className="text-sm text-rose-700">
                    {t(`customer.error.${current.error.kind}`)}
                  </p>
                  <Button onClick={retry}>{t('customer.retry')}</Button>
                </div>
              );
            case 'found':
              return (
                <>
                  <CustomerCard customer={current.customer} linked={linkedCustomerId === current.customer.id} onDial={onDial} />
                  <div className="mt-3">
                    <Button className="text-xs" onClick={startNew}>
                      {t('customer.newInstead')}
                    </Button>
                  </div>
                </>
              );
            case 'choosing':
              return (
                <div data-testid="customer-candidates" className="flex flex-col gap-2">
                  <p id={`${titleId}-candidates`} className="text-sm text-slate-700">
                    {t('customer.candidates', { count: current.candidates.length })}
                  </p>
                  <ul className="flex flex-col gap-2">
                    {current.candidates.map((candidate) => (
                      <li key={candidate.id}>
                        <button
                          type="button"
                          aria-describedby={`${titleId}-candidates`}
                          onClick={() => choose(candidate.id)}
                          className="w-full rounded-lg border border-slate-200 px-3 py-2 text-left hover:bg-indigo-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
                        >
                          <span className="block font-medium text-slate-900">{candidate.name}</span>
                          <span className="block text-xs text-slate-500">{[candidate.nameKana, candidate.address].filter(Boolean).join(' ・ ')}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                  <div>
                    <Button onClick={startNew}>{t('customer.newInstead')}</Button>
                  </div>
                </div>
              );
            case 'internal':
              return (
                <p data-testid="customer-internal" className="text-sm text-slate-600">
                  {t('customer.internal', { number: call.remoteNumber ?? '' })}
                </p>
              );
            case 'new':
              return <NewCustomer key={call.sipCallId} number={number} />;
            default:
              return null;
          }
        })()}
      </div>
    </section>
  );
}

/** The popped customer: who they are, their numbers (click to call) and their previous calls. */
function CustomerCard({ customer, linked, onDial }: { customer: CustomerDetail; linked: boolean; onDial: (number: string) => void }) {
  const t = useT();
  return (
    <article className="flex flex-col gap-3" aria-label={customer.name}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 data-testid="customer-name" className="text-lg font-semibold text-slate-900">
          {customer.name}
        </h3>
        {customer.nameKana && (
          <span className="text-sm text-slate-500">
            <span className="sr-only">{t('customer.kana')}: </span>
            {customer.nameKana}
          </span>
        )}
        {linked && <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">{t('customer.linked')}</span>}
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-500">{t('customer.phones')}</dt>
        <dd>
          <ul className="flex flex-col gap-1">
            {customer.phones.map((phone) => (
              <li key={phone.e164} className="flex items-center gap-2">
                <span className="font-mono">{phone.national}</span>
                <span className="text-xs text-slate-500">{t(`customer.phoneLabel.${phone.label}`)}</span>
                <Button className="px-2 py-1 text-xs" data-testid="customer-dial" aria-label={t('customer.dialLabel', { number: phone.national })} onClick={() => onDial(phone.national)}>
                  {t('customer.dial')}
                </Button>
              </li>
            ))}
          </ul>
        </dd>
        {customer.email && (
          <>
            <dt className="text-slate-500">{t('customer.email')}</dt>
            <dd className="break-all">{customer.email}</dd>
          </>
        )}
        {customer.address && (
          <>
            <dt className="text-slate-500">{t('customer.address')}</dt>
            <dd>{customer.address}</dd>
          </>
        )}
        {customer.notes.trim() !== '' && (
          <>
            <dt className="text-slate-500">{t('customer.notes')}</dt>
            <dd className="whitespace-pre-wrap">{customer.notes}</dd>
          </>
        )}
      </dl>
      <CustomerHistoryList />
    </article>
  );
}

/** The shown customer's previous calls, newest first, in Japan time. */
function CustomerHistoryList() {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const history = useCustomers((state) => state.history);
  const categories = useRecords((state) => state.categories);
  const dispositions = useRecords((state) => state.dispositions);
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} data-testid="customer-history" data-status={history.status}>
      <h4 id={titleId} className="text-sm font-semibold text-slate-700">
        {t('customer.history')}
      </h4>
      {history.records.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">{history.status === 'loading' ? t('customer.historyLoading') : t('customer.historyEmpty')}</p>
      ) : (
        <ol className="mt-1 divide-y divide-slate-100">
          {history.records.map((record) => (
            <HistoryRow key={record.id} record={record} locale={locale} categories={categories} dispositions={dispositions} />
          ))}
        </ol>
      )}
      {history.status === 'failed' && <p className="mt-1 text-xs text-amber-700">{t('customer.historyFailed')}</p>}
    </section>
  );
}

function HistoryRow({ record, locale, categories, dispositions }: { record: CallRecordDto; locale: Locale; categories: readonly CallCode[]; dispositions: readonly CallCode[] }) {
  const t = useT();
  const nameOf = (codes: readonly CallCode[], id: string | null) => {
    const code = id === null ? undefined : codes.find((candidate) => candidate.id === id);
    return code === undefined ? undefined : locale === 'ja' ? code.nameJa : code.nameEn;
  };
  const notes = record.notes.trim();
  const excerpt = notes.length > excerptLength ? `${notes.slice(0, excerptLength)}…` : notes;
  return (
    <li className="flex flex-col gap-0.5 py-1.5 text-sm" data-testid="customer-history-row">
      <div className="flex flex-wrap gap-x-3 text-slate-700">
        <time dateTime={record.startedAt} className="font-mono text-xs text-slate-500">
          {formatJapanDateTime(record.startedAt, locale)}
        </time>
        <span className="text-xs text-slate-500">{t(`customer.direction.${record.direction}`)}</span>
        <span>{nameOf(categories, record.categoryId) ?? t('customer.noCategory')}</span>
        <span className="text-slate-500">{nameOf(dispositions, record.dispositionId) ?? t('customer.noDisposition')}</span>
      </div>
      <p className="text-xs text-slate-600">{excerpt === '' ? t('customer.noNotes') : excerpt}</p>
    </li>
  );
}

const emptyForm: NewCustomerForm = { name: '', nameKana: '', phone: '', email: '', address: '', notes: '' };

/** The new-customer form, prefilled with the caller's number; what it creates is linked to the call. */
function NewCustomer({ number }: { number: string | null }) {
  const t = useT();
  const titleId = useId();
  const notesId = useId();
  const create = useCustomers((state) => state.create);
  const creating = useCustomers((state) => state.creating);
  const problems = useCustomers((state) => state.createProblems);
  const createError = useCustomers((state) => state.createError);
  const [form, setForm] = useState<NewCustomerForm>({ ...emptyForm, phone: number ?? '' });
  const problemText = (field: CustomerFormField) => {
    const problem = problems.find((candidate) => candidate.field === field);
    return problem === undefined ? undefined : problemMessage(problem, t);
  };
  const groupProblem = problemText('group');
  const notesProblem = problemText('notes');
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    void create(form);
  };
  const input = (field: Exclude<keyof NewCustomerForm, 'notes'>) => ({
    value: form[field],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value }),
    error: problemText(field),
    label: t(`customer.field.${field}`),
    name: field,
  });

  return (
    <form data-testid="new-customer-form" aria-labelledby={titleId} onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
      <div>
        <h3 id={titleId} className="text-sm font-semibold text-slate-900">
          {t('customer.new.title')}
        </h3>
        <p className="text-sm text-slate-600">{number === null ? t('customer.new.withheld') : t('customer.new.noMatch', { number })}</p>
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        <Field {...input('name')} autoComplete="off" required aria-required />
        <Field {...input('nameKana')} autoComplete="off" />
        <Field {...input('phone')} type="tel" autoComplete="off" />
        <Field {...input('email')} type="email" autoComplete="off" />
        <div className="md:col-span-2">
          <Field {...input('address')} autoComplete="off" />
        </div>
        <div className="flex flex-col gap-1 md:col-span-2">
          <label htmlFor={notesId} className="text-sm font-medium text-slate-700">
            {t('customer.field.notes')}
          </label>
          <textarea
            id={notesId}
            name="notes"
            rows={2}
            value={form.notes}
            aria-invalid={notesProblem ? true : undefined}
            aria-describedby={notesProblem ? `${notesId}-error` : undefined}
            onChange={(event) => setForm({ ...form, notes: event.target.value })}
            className="rounded-lg border border-slate-300 px-3 py-2 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500 aria-invalid:border-rose-500"
          />
          {notesProblem && (
            <p id={`${notesId}-error`} className="text-xs text-rose-700">
              {notesProblem}
            </p>
          )}
        </div>
      </div>
      {(groupProblem ?? createError) && (
        <p role="alert" className="text-sm text-rose-700">
          {groupProblem ?? (createError ? t(`customer.error.${createError.kind}`) : '')}
        </p>
      )}
      <div>
        <Button type="submit" tone="primary" disabled={creating} data-testid="new-customer-submit">
          {creating ? t('customer.creating') : t('customer.create')}
        </Button>
      </div>
    </form>
  );
}

function problemMessage(problem: CustomerFieldProblem, t: ReturnType<typeof useT>): string {
  return problem.kind === 'too-long' ? t('customer.problem.too-long', { max: problem.max ?? '' }) : t(`customer.problem.${problem.kind}`);
}

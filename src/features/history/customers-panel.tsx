import type { PhoneLabel } from '../../contract/customers';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/locale-store';
import { useHistory } from '../../stores/history-store-context';
import { ClickToCallButton } from './click-to-call-button';
import { HistoryListStatusLine } from './history-list-status-line';

/** The id another feature's shortcut may focus. */
const customerSearchInputId = 'customer-search-input';

const phoneLabelKeys: Record<PhoneLabel, MessageKey> = {
  mobile: 'history.phone.mobile',
  home: 'history.phone.home',
  work: 'history.phone.work',
  fax: 'history.phone.fax',
  other: 'history.phone.other',
};

/** Customers of the agent's groups (顧客), searchable by name, フリガナ or a whole phone number. */
export function CustomersPanel({ onDial }: { onDial: (number: string) => void }) {
  const t = useT();
  const customers = useHistory((state) => state.customers);
  const setCustomerQuery = useHistory((state) => state.setCustomerQuery);
  const refreshCustomers = useHistory((state) => state.refreshCustomers);
  const loadMoreCustomers = useHistory((state) => state.loadMoreCustomers);
  const focusRing = 'focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500';

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor={customerSearchInputId} className="text-sm font-medium text-slate-700">
          {t('history.customers.search.label')}
        </label>
        <input
          id={customerSearchInputId}
          data-testid="customer-search"
          type="search"
          autoComplete="off"
          placeholder={t('history.customers.search.placeholder')}
          value={customers.query}
          onChange={(event) => setCustomerQuery(event.target.value)}
          className={`rounded-lg border border-slate-300 px-3 py-2 text-sm ${focusRing}`}
        />
      </div>

      <HistoryListStatusLine list={customers} emptyKey="history.customers.empty" noMatchKey="history.customers.noMatch" onRetry={refreshCustomers} />

      {customers.items.length > 0 && (
        <div className="overflow-x-auto">
          <table aria-label={t('history.customers.table')} aria-busy={customers.status === 'loading'} className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">{t('history.customers.column.name')}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t('history.customers.column.kana')}</th>
                <th scope="col" className="py-1 font-medium">{t('history.customers.column.phones')}</th>
              </tr>
            </thead>
            <tbody>
              {customers.items.map((customer) => (
                <tr key={customer.id} data-testid="customer-row" className="border-t border-slate-100 align-top">
                  <td className="py-1.5 pr-3 font-medium text-slate-900">{customer.name}</td>
                  <td className="py-1.5 pr-3 text-slate-600">{customer.nameKana ?? ''}</td>
                  <td className="py-1.5">
                    <ul className="flex flex-col gap-1">
                      {customer.phones.map((phone) => (
                        <li key={phone.e164} className="flex items-center gap-2">
                          {phone.label === 'fax' ? (
                            <span className="font-mono text-sm text-slate-600">{phone.national}</span>
                          ) : (
                            <ClickToCallButton number={phone.e164} onDial={onDial} />
                          )}
                          <span className="text-xs text-slate-500">{t(phoneLabelKeys[phone.label])}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {customers.nextCursor !== null && customers.items.length > 0 && (
        <button
          type="button"
          onClick={loadMoreCustomers}
          disabled={customers.status === 'loading-more'}
          className={`self-center rounded-lg px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 disabled:text-slate-400 ${focusRing}`}
        >
          {customers.status === 'loading-more' ? t('history.loading') : t('history.customers.more')}
        </button>
      )}
    </div>
  );
}

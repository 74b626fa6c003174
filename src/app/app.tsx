import { AccountBadge } from '../features/sign-in/account-badge';
import { SessionProgress } from '../features/sign-in/session-progress';
import { SignInScreen } from '../features/sign-in/sign-in-screen';
import { SignedInWithoutPhone } from '../features/sign-in/signed-in-without-phone';
import { Softphone } from '../features/softphone/softphone';
import { MonitoringControls } from '../features/monitoring/monitoring-controls';
import { RecordingsPanel } from '../features/recordings/recordings-view';
import { SupervisorBoard } from '../features/supervisor-board/supervisor-board';
import type { Locale } from '../i18n/i18n';
import { useT, useLocaleStore } from '../i18n/locale-store';
import { usePhone } from '../stores/phone-store-context';
import { useSession } from '../stores/session-store-context';
import { AgentDesktop } from './agent-desktop';
import type { AppConfig } from './config';

/**
 * The side panel: the CTI sign-in (with the direct SIP form behind a disclosure) until signed
 * in, then the softphone, or the account alone for staff without a phone.
 */
function AgentPanel({ config }: { config: AppConfig }) {
  const status = useSession((state) => state.status);
  const hasAccount = useSession((state) => state.user !== undefined);
  const signOut = useSession((state) => state.signOut);
  const phoneSignedIn = usePhone((state) => state.signedIn);
  const defaults = { server: config.sipServer, domain: config.sipDomain };

  if (status === 'restoring' || status === 'signing-out') return <SessionProgress phase={status} />;
  if (phoneSignedIn) return <Softphone defaults={defaults} account={hasAccount ? <AccountBadge /> : undefined} onSignOut={signOut} />;
  if (status === 'signed-in') return <SignedInWithoutPhone />;
  return <SignInScreen directSip={<Softphone defaults={defaults} />} />;
}

/**
 * The application shell: header with language choice; the agent desktop (state bar, softphone,
 * customer, record, history, FAQ) once the CTI session and its phone are signed in; the
 * supervisor board for supervisors and administrators signed in without a phone; else the
 * side panel alone (sign-in, the direct-SIP softphone).
 */
export function App({ config }: { config: AppConfig }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const setLocale = useLocaleStore((state) => state.setLocale);
  const status = useSession((state) => state.status);
  const signOut = useSession((state) => state.signOut);
  const phoneSignedIn = usePhone((state) => state.signedIn);
  const role = useSession((state) => state.user?.role);
  const desktop = status === 'signed-in' && phoneSignedIn;
  const board = status === 'signed-in' && !phoneSignedIn && (role === 'supervisor' || role === 'administrator');
  return (
    <div className="min-h-screen bg-slate-50 text-slate-900">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-6 py-3">
        <div className="flex items-baseline gap-3">
          <h1 className="text-xl font-bold text-indigo-700">{t('app.title')}</h1>
          <span className="text-sm text-slate-500">{t('app.subtitle')}</span>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-600">
          {t('language')}
          <select
            data-testid="language"
            value={locale}
            onChange={(event) => setLocale(event.target.value as Locale)}
            className="rounded-md border border-slate-300 px-2 py-1 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
          >
            <option value="ja">日本語</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      {desktop ? (
        <main className="mx-auto max-w-[110rem] p-4">
          <AgentDesktop softphone={<Softphone defaults={{ server: config.sipServer, domain: config.sipDomain }} account={<AccountBadge />} onSignOut={signOut} />} />
        </main>
      ) : board ? (
        <main className="mx-auto max-w-[110rem] p-4">
          <div className="flex flex-col gap-4">
            <SupervisorBoard account={<AccountBadge />} rowActions={(agent) => <MonitoringControls agent={agent} />} />
            <RecordingsPanel />
          </div>
        </main>
      ) : (
        <main className="mx-auto grid max-w-6xl gap-6 p-6 md:grid-cols-[22rem_1fr]">
          <aside className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <AgentPanel config={config} />
          </aside>
        </main>
      )}
    </div>
  );
}

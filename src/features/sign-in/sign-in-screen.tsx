import { useId, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/locale-store';
import { CtiSignInForm } from './cti-sign-in-form';

/**
 * The screen before sign-in: the CTI sign-in, and behind a disclosure the form that connects
 * straight to another SIP server.
 * @param directSip - the direct SIP form, composed by the app (features do not import each other).
 */
export function SignInScreen({ directSip }: { directSip: ReactNode }) {
  const t = useT();
  const [direct, setDirect] = useState(false);
  const panelId = useId();
  return (
    <div className="flex flex-col gap-5">
      <CtiSignInForm />
      <div className="border-t border-slate-200 pt-3">
        <button
          type="button"
          data-testid="login-direct-sip"
          aria-expanded={direct}
          aria-controls={panelId}
          onClick={() => setDirect(!direct)}
          className="flex w-full items-center gap-2 rounded-md text-left text-sm text-slate-600 hover:text-slate-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          <span aria-hidden="true" className={`inline-block transition ${direct ? 'rotate-90' : ''}`}>
            ▸
          </span>
          {t('login.directSip')}
        </button>
        <div id={panelId} hidden={!direct} className="pt-3">
          {direct && directSip}
        </div>
      </div>
    </div>
  );
}

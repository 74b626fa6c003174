import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { useT } from '../../i18n/locale-store';
import { usePhone } from '../../stores/phone-store-context';
import { useSession } from '../../stores/session-store-context';
import type { DtmfMode } from '../../telephony';
import { sessionErrorMessage } from './session-error-message';

type FieldName = 'username' | 'password';

/** Sign-in to the CTI service with user name and password; the phone is set up from the answer. */
export function CtiSignInForm() {
  const t = useT();
  const status = useSession((state) => state.status);
  const error = useSession((state) => state.error);
  const signIn = useSession((state) => state.signIn);
  const rememberedDtmfMode = usePhone((state) => state.settings?.dtmfMode);
  const unlockAudio = usePhone((state) => state.unlockAudio);
  const [values, setValues] = useState<Record<FieldName, string>>({ username: '', password: '' });
  const [dtmfMode, setDtmfMode] = useState<DtmfMode>(rememberedDtmfMode ?? 'rfc4733');
  const [missing, setMissing] = useState<Partial<Record<FieldName, boolean>>>({});
  const busy = status === 'signing-in';

  const change = (name: FieldName) => (event: { target: { value: string } }) => setValues({ ...values, [name]: event.target.value });

  const submit = (event: { preventDefault: () => void }) => {
    event.preventDefault();
    // The click that signs in counts as the gesture Chrome wants before ringtones may play.
    unlockAudio();
    const found = { username: values.username.trim() === '', password: values.password === '' };
    setMissing(found);
    if (found.username || found.password) return;
    void signIn(values.username.trim(), values.password, { dtmfMode });
  };

  const message = error ? sessionErrorMessage(error) : undefined;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="login-heading" aria-busy={busy} className="flex flex-col gap-3">
      <h2 id="login-heading" className="text-lg font-semibold text-slate-900">
        {t('login.heading')}
      </h2>
      <Field
        label={t('login.username')}
        value={values.username}
        onChange={change('username')}
        error={missing.username ? t('login.error.required') : undefined}
        data-testid="login-username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
      />
      <Field
        label={t('login.password')}
        type="password"
        value={values.password}
        onChange={change('password')}
        error={missing.password ? t('login.error.required') : undefined}
        data-testid="login-password"
        autoComplete="current-password"
      />
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        {t('signin.dtmfMode')}
        <select
          data-testid="login-dtmf-mode"
          value={dtmfMode}
          onChange={(event) => setDtmfMode(event.target.value === 'info' ? 'info' : 'rfc4733')}
          className="rounded-lg border border-slate-300 px-3 py-2 text-sm font-normal focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          <option value="rfc4733">{t('signin.dtmf.rfc4733')}</option>
          <option value="info">{t('signin.dtmf.info')}</option>
        </select>
      </label>
      {message && (
        <p role="alert" data-testid="login-error" data-kind={error?.kind} className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800 ring-1 ring-rose-200">
          {t(message.key, message.values)}
        </p>
      )}
      <p className="text-xs text-slate-500">{t('login.hint')}</p>
      <Button type="submit" tone="primary" disabled={busy} data-testid="login-submit">
        {busy ? t('login.submitting') : t('login.submit')}
      </Button>
    </form>
  );
}

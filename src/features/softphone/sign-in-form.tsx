import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { Field } from '../../components/ui/field';
import { useT } from '../../i18n/locale-store';
import { usePhone } from '../../stores/phone-store-context';
import type { DtmfMode } from '../../telephony';

type FieldName = 'server' | 'domain' | 'user' | 'password' | 'displayName';

/** SIP settings form shown until the agent is signed in. */
export function SignInForm({ defaults }: { defaults: { server: string; domain: string } }) {
  const t = useT();
  const remembered = usePhone((state) => state.settings);
  const signIn = usePhone((state) => state.signIn);
  const unlockAudio = usePhone((state) => state.unlockAudio);
  const [values, setValues] = useState<Record<FieldName, string>>({
    server: remembered?.server ?? defaults.server,
    domain: remembered?.domain ?? defaults.domain,
    user: remembered?.user ?? '',
    password: '',
    displayName: remembered?.displayName ?? '',
  });
  const [dtmfMode, setDtmfMode] = useState<DtmfMode>(remembered?.dtmfMode ?? 'rfc4733');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});

  const change = (name: FieldName) => (event: { target: { value: string } }) => setValues({ ...values, [name]: event.target.value });

  const submit = (event: { preventDefault: () => void }) => {
    event.preventDefault();
    unlockAudio();
    const found: Partial<Record<FieldName, string>> = {};
    if (!/^wss?:\/\/\S+$/.test(values.server.trim())) found.server = t('signin.error.server');
    for (const name of ['domain', 'user', 'password'] as const) if (values[name].trim() === '') found[name] = t('signin.error.required');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    signIn({
      server: values.server.trim(),
      domain: values.domain.trim(),
      user: values.user.trim(),
      password: values.password,
      displayName: values.displayName.trim() || values.user.trim(),
      dtmfMode,
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="signin-heading" className="flex flex-col gap-3">
      <h2 id="signin-heading" className="text-lg font-semibold text-slate-900">
        {t('signin.heading')}
      </h2>
      <Field label={t('signin.server')} value={values.server} onChange={change('server')} error={errors.server} data-testid="signin-server" autoComplete="url" />
      <Field label={t('signin.domain')} value={values.domain} onChange={change('domain')} error={errors.domain} data-testid="signin-domain" />
      <Field label={t('signin.user')} value={values.user} onChange={change('user')} error={errors.user} data-testid="signin-user" autoComplete="username" />
      <Field
        label={t('signin.password')}
        type="password"
        value={values.password}
        onChange={change('password')}
        error={errors.password}
        data-testid="signin-password"
        autoComplete="current-password"
      />
      <Field label={t('signin.displayName')} value={values.displayName} onChange={change('displayName')} data-testid="signin-display-name" autoComplete="name" />
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        {t('signin.dtmfMode')}
        <select
          data-testid="signin-dtmf-mode"
          value={dtmfMode}
          onChange={(event) => setDtmfMode(event.target.value === 'info' ? 'info' : 'rfc4733')}
          className="rounded-lg border border-slate-300 px-3 py-2 text-sm font-normal focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          <option value="rfc4733">{t('signin.dtmf.rfc4733')}</option>
          <option value="info">{t('signin.dtmf.info')}</option>
        </select>
      </label>
      <p className="text-xs text-slate-500">{t('signin.hint')}</p>
      <Button type="submit" tone="primary" data-testid="signin-submit">
        {t('signin.submit')}
      </Button>
    </form>
  );
}

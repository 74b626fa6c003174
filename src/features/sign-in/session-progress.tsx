import { useT } from '../../i18n/locale-store';

/** Shown while the session is checked after a page load, or while signing out. */
export function SessionProgress({ phase }: { phase: 'restoring' | 'signing-out' }) {
  const t = useT();
  return (
    <p role="status" data-testid="session-progress" data-phase={phase} className="animate-pulse text-sm text-slate-600">
      {t(phase === 'restoring' ? 'session.restoring' : 'session.signingOut')}
    </p>
  );
}

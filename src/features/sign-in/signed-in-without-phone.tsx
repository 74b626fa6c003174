import { Button } from '../../components/ui/button';
import { useT } from '../../i18n/locale-store';
import { useSession } from '../../stores/session-store-context';
import { AccountBadge } from './account-badge';

/** A signed-in user without a phone (administrators, supervisors without an extension). */
export function SignedInWithoutPhone() {
  const t = useT();
  const user = useSession((state) => state.user);
  const signOut = useSession((state) => state.signOut);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-start justify-between gap-2">
        <div>
          <p className="text-sm font-semibold text-slate-900" data-testid="signed-in-as">
            {user?.displayName}
          </p>
          <AccountBadge />
        </div>
        <Button className="text-xs" data-testid="sign-out" onClick={() => void signOut()}>
          {t('signout')}
        </Button>
      </div>
      <p className="text-sm text-slate-600" data-testid="no-phone">
        {t('account.noPhone')}
      </p>
    </div>
  );
}

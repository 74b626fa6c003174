import { useT } from '../../i18n/locale-store';
import { useSession } from '../../stores/session-store-context';

/** Who is signed in to the CTI service: user name and role. */
export function AccountBadge() {
  const t = useT();
  const user = useSession((state) => state.user);
  if (!user) return null;
  return (
    <p className="flex items-center gap-2 text-xs text-slate-500" data-testid="account">
      <span className="rounded-full bg-indigo-50 px-2 py-0.5 font-medium text-indigo-700 ring-1 ring-indigo-200" data-testid="account-role" data-role={user.role}>
        {t(`account.role.${user.role}`)}
      </span>
      <span data-testid="account-username">{user.username}</span>
    </p>
  );
}

import type { Role } from '../../contract/common';
import type { DemoAccount } from './demo-directory';
import { MockRefusal } from './mock-refusal';

/**
 * The groups whose data `account` may see, as the service's access policy: administrators
 * the whole tenant (`'all'`), supervisors and agents only their own groups (所属).
 */
export function visibleGroups(account: DemoAccount): 'all' | readonly string[] {
  return account.role === 'administrator' ? 'all' : account.groupIds;
}

/** True when `groupId` is among `groups`. */
export function inGroups(groups: 'all' | readonly string[], groupId: string): boolean {
  return groups === 'all' || groups.includes(groupId);
}

/** Refuses (403) data of a group the account does not belong to. */
export function requireGroup(account: DemoAccount, groupId: string): void {
  if (!inGroups(visibleGroups(account), groupId)) throw MockRefusal.forbidden('that belongs to another group');
}

/** Refuses (403) an account without one of `roles`. */
export function requireRole(account: DemoAccount, ...roles: Role[]): void {
  if (!roles.includes(account.role)) throw MockRefusal.forbidden(`requires the role ${roles.join(' or ')}`);
}

import type { Role } from '../../../../src/contract/common';
import { forbidden } from '../errors';
import type { Actor } from './actor';

/**
 * The groups whose data an actor may see.
 * @remarks Administrators see the whole tenant (`'all'`); supervisors and agents see only the
 * groups they belong to: the contract's rule that staff of one group (所属) cannot see or use
 * another group's personal data.
 */
export function visibleGroups(actor: Actor): 'all' | readonly string[] {
  return actor.role === 'administrator' ? 'all' : actor.groupIds;
}

/** True when the actor may read or write data owned by `groupId`. */
export function canAccessGroup(actor: Actor, groupId: string): boolean {
  return actor.role === 'administrator' || actor.groupIds.includes(groupId);
}

/** Throws 403 unless the actor may use `groupId`'s data. */
export function requireGroup(actor: Actor, groupId: string): void {
  if (!canAccessGroup(actor, groupId)) throw forbidden('that belongs to another group');
}

/** Throws 403 unless the actor has one of `roles`. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) throw forbidden(`requires the role ${roles.join(' or ')}`);
}

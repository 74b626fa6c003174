import type { Role } from '../../../../src/contract/common';

/**
 * Who is acting: the signed-in user with their tenant, role and groups (所属).
 * @remarks Every domain operation takes the actor and checks it through the access policy;
 * nothing reads another tenant's data, and agents and supervisors only their groups'.
 */
export interface Actor {
  readonly userId: string;
  readonly tenantId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly groupIds: readonly string[];
  readonly sipUser: string | null;
}

/** Where a request came from, for the audit log. */
export interface RequestOrigin {
  readonly ip: string | undefined;
  readonly userAgent: string | undefined;
}

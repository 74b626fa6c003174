import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { rows } from '../db/rows';
import { groups, skills, tenants, userGroups, users, userSkills } from '../db/schema';
import type { PasswordHasher } from '../domain/identity/password-hasher';

/** What the identity seed created, for the other modules' seeds to attach their data to. */
export interface DemoSeedContext {
  readonly tenantId: string;
  /** 所属: group A (東京第一) and group B (大阪サポート). */
  readonly groupIds: { readonly a: string; readonly b: string };
  /** User ids by user name (admin, sv1, sv2, 1001…1006). */
  readonly userIds: Readonly<Record<string, string>>;
  /** Group of each agent by user name. */
  readonly agentGroups: Readonly<Record<string, string>>;
}

/** A module's demo data, added after identity on an empty database. */
export type ModuleSeed = (db: Db, context: DemoSeedContext) => Promise<void>;

const demoUsersSchema = z.object({
  domain: z.string(),
  users: z.array(z.object({ user: z.string(), password: z.string(), displayName: z.string() })).min(6),
});

/** The demo accounts of the README: administrator, two supervisors, six agents (1001–1006). */
export const demoStaff = [
  { username: 'admin', password: 'tsunagu-admin', displayName: '管理者 山本', role: 'administrator', group: 'a' },
  { username: 'sv1', password: 'tsunagu-sv1', displayName: 'SV 中村 (東京)', role: 'supervisor', group: 'a' },
  { username: 'sv2', password: 'tsunagu-sv2', displayName: 'SV 小林 (大阪)', role: 'supervisor', group: 'b' },
] as const;

/**
 * Seeds one demo tenant when the database has none; does nothing otherwise, so restarts
 * never duplicate or overwrite data.
 * @param moduleSeeds - the other modules' demo data, run in order after identity.
 */
export async function seedDemo(db: Db, hasher: PasswordHasher, moduleSeeds: readonly ModuleSeed[] = []): Promise<DemoSeedContext | undefined> {
  const [existing] = await rows<{ count: number }>(db, sql`select count(*)::int as count from tenants`);
  if ((existing?.count ?? 0) > 0) return undefined;
  const demoUsers = demoUsersSchema.parse(JSON.parse(await readFile(new URL('../../../pbx/demo-users.json', import.meta.url), 'utf8')));

  const context = await db.transaction(async (tx) => {
    const [tenant] = await tx.insert(tenants).values({ name: 'デモ コンタクトセンター', seatLimit: 20 }).returning();
    if (!tenant) throw new Error('tenant not created');
    const [groupA, groupB] = await tx
      .insert(groups)
      .values([
        { tenantId: tenant.id, name: '東京第一グループ' },
        { tenantId: tenant.id, name: '大阪サポートグループ' },
      ])
      .returning();
    if (!groupA || !groupB) throw new Error('groups not created');
    const groupOf = { a: groupA.id, b: groupB.id };
    const skillRows = await tx
      .insert(skills)
      .values(['マイナンバーカード', '住所変更', '料金・請求', 'English'].map((name) => ({ tenantId: tenant.id, name })))
      .returning();

    const userIds: Record<string, string> = {};
    const agentGroups: Record<string, string> = {};
    const people = [
      ...demoStaff.map((staff) => ({ ...staff, sipUser: null })),
      ...demoUsers.users.map((user, index) => ({
        username: user.user,
        password: user.password,
        displayName: user.displayName,
        role: 'agent' as const,
        group: index < 3 ? ('a' as const) : ('b' as const),
        sipUser: user.user,
      })),
    ];
    for (const person of people) {
      const [row] = await tx
        .insert(users)
        .values({
          tenantId: tenant.id,
          username: person.username,
          displayName: person.displayName,
          role: person.role,
          passwordHash: await hasher.hash(person.password),
          sipUser: person.sipUser,
        })
        .returning();
      if (!row) throw new Error(`user ${person.username} not created`);
      userIds[person.username] = row.id;
      await tx.insert(userGroups).values({ userId: row.id, groupId: groupOf[person.group] });
      if (person.role === 'agent') {
        agentGroups[person.username] = groupOf[person.group];
        const skill = skillRows[people.indexOf(person) % skillRows.length];
        if (skill) await tx.insert(userSkills).values({ userId: row.id, skillId: skill.id, level: 3 });
      }
    }
    return { tenantId: tenant.id, groupIds: groupOf, userIds, agentGroups };
  });

  for (const seed of moduleSeeds) await seed(db, context);
  return context;
}

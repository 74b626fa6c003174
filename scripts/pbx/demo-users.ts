import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** `pbx/demo-users.json`: the single source of truth for who may register with the demo PBX. */
export const demoUsersFile = fileURLToPath(new URL('../../pbx/demo-users.json', import.meta.url));

// These values end up inside Kamailio script strings and htable keys: keep them to characters
// that need no escaping there, so a typo cannot turn into a config parse error.
const sipUser = z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-" only');
const sipDomain = z.string().regex(/^[A-Za-z0-9.-]+$/, 'a host name or IPv4 address');

const demoUserSchema = z.object({
  user: sipUser,
  password: z.string().min(1),
  displayName: z.string().min(1),
});

const demoUsersSchema = z
  .object({
    domain: sipDomain,
    users: z.array(demoUserSchema).min(1),
  })
  .refine((file) => new Set(file.users.map((u) => u.user)).size === file.users.length, {
    message: 'user names must be unique',
    path: ['users'],
  });

/** One agent extension the demo PBX knows. */
export type DemoUser = z.infer<typeof demoUserSchema>;

/** The parsed `pbx/demo-users.json`. */
export type DemoUsers = z.infer<typeof demoUsersSchema>;

/**
 * Reads and validates the demo users file.
 * @remarks `domain` is both the users' SIP domain (`sip:1001@127.0.0.1`) and the digest realm
 * Kamailio challenges with.
 * @throws Error listing every invalid field.
 */
export async function loadDemoUsers(file: string = demoUsersFile): Promise<DemoUsers> {
  const raw: unknown = JSON.parse(await readFile(file, 'utf8'));
  const parsed = demoUsersSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid demo users file ${file}:\n${problems}`);
  }
  return parsed.data;
}

/**
 * Renders the `users.cfg` that `pbx/kamailio/kamailio.cfg` includes.
 * @remarks Only the list of extensions reaches the run directory: Kamailio needs it to tell an
 * unknown extension (404) from one that is not signed in (480). Passwords in the JSON are the
 * CTI service's demo sign-in passwords; SIP credentials are short-lived and issued by the service.
 */
export function renderUsersCfg(demoUsers: DemoUsers, source: string = demoUsersFile): string {
  const realm = demoUsers.domain;
  // Known extensions only: credentials are ephemeral (auth_ephemeral), so no passwords here.
  const entries = demoUsers.users.map((u) => `\t$sht(demo_users=>${u.user}) = 1;`);
  return [
    `# Generated from ${source} by scripts/pbx/kamailio.ts; rewritten on every start.`,
    `#!define DEMO_REALM "${realm}"`,
    '',
    'route[DEMO_USERS] {',
    ...entries,
    '}',
    '',
  ].join('\n');
}

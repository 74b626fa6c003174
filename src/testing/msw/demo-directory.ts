import type { Role } from '../../contract/common';

/** A demo account as the mock CTI service knows it (the password in clear: test data only). */
export interface DemoAccount {
  readonly id: string;
  readonly username: string;
  readonly password: string;
  readonly displayName: string;
  readonly role: Role;
  readonly groupIds: readonly string[];
  /** The extension; `null` for staff without a phone. */
  readonly sipUser: string | null;
}

/** The demo tenant, デモ コンタクトセンター. */
export const demoTenantId = '00000000-0000-4000-8000-000000000001';

/** 所属: 東京第一グループ and 大阪サポートグループ. */
export const demoGroupIds = {
  tokyo: '00000000-0000-4000-8000-00000000000a',
  osaka: '00000000-0000-4000-8000-00000000000b',
} as const;

const agent = (extension: string, displayName: string, groupId: string, index: number): DemoAccount => ({
  id: `00000000-0000-4000-8000-0000000001${String(index).padStart(2, '0')}`,
  username: extension,
  password: `tsunagu-${extension}`,
  displayName,
  role: 'agent',
  groupIds: [groupId],
  sipUser: extension,
});

/**
 * The accounts of the service's demo seed: an administrator, two supervisors and six agents,
 * with the same user names, passwords, names and groups.
 */
export const demoAccounts: readonly DemoAccount[] = [
  { id: '00000000-0000-4000-8000-000000000011', username: 'admin', password: 'tsunagu-admin', displayName: '管理者 山本', role: 'administrator', groupIds: [demoGroupIds.tokyo], sipUser: null },
  { id: '00000000-0000-4000-8000-000000000012', username: 'sv1', password: 'tsunagu-sv1', displayName: 'SV 中村 (東京)', role: 'supervisor', groupIds: [demoGroupIds.tokyo], sipUser: null },
  { id: '00000000-0000-4000-8000-000000000013', username: 'sv2', password: 'tsunagu-sv2', displayName: 'SV 小林 (大阪)', role: 'supervisor', groupIds: [demoGroupIds.osaka], sipUser: null },
  agent('1001', '佐藤 花子', demoGroupIds.tokyo, 1),
  agent('1002', '鈴木 一郎', demoGroupIds.tokyo, 2),
  agent('1003', '高橋 美咲', demoGroupIds.tokyo, 3),
  agent('1004', '田中 健太', demoGroupIds.osaka, 4),
  agent('1005', '伊藤 由美', demoGroupIds.osaka, 5),
  agent('1006', '渡辺 大輔', demoGroupIds.osaka, 6),
];

/** The demo account with user name `username`; throws for an unknown one (a test typo). */
export function demoAccount(username: string): DemoAccount {
  const found = demoAccounts.find((account) => account.username === username);
  if (!found) throw new Error(`no demo account ${username}`);
  return found;
}

import type { CallCode } from '../../contract/call-records';
import { demoId } from './seeded-random';

/** A category with the kind of notes agents write under it (demo data only). */
export interface DemoCallCategory extends CallCode {
  readonly sampleNotes: readonly string[];
}

const category = (n: number, nameJa: string, nameEn: string, sampleNotes: readonly string[], active = true): DemoCallCategory => ({
  id: demoId('ca7e', n),
  nameJa,
  nameEn,
  active,
  sortOrder: n * 10,
  sampleNotes,
});

/** The demo tenant's inquiry categories (問い合わせ分類); the campaign one is retired. */
export const demoCallCategories: readonly DemoCallCategory[] = [
  category(1, '料金・請求', 'Billing', [
    '請求額が先月より多いとのお問い合わせ。日割り計算分の加算であることをご説明し、ご納得いただいた。',
    'コンビニ払込票の再発行をご希望。登録住所へ郵送手配済み。',
    '口座振替日の確認。毎月26日（休日は翌営業日）とご案内。',
  ]),
  category(2, '住所・名義変更', 'Address or name change', [
    '転居に伴う住所変更。本人確認のうえ、その場で変更を受付。',
    '結婚による名義変更のご相談。必要書類（戸籍抄本の写し）をご案内し、申込書を送付。',
  ]),
  category(3, '契約内容の確認', 'Contract details', [
    '現在のプランと契約更新月の確認。更新月は来年4月とご回答。',
    'オプションサービスの加入状況を確認。留守番電話オプションのみ加入中。',
  ]),
  category(4, 'ログイン・パスワード', 'Sign-in and password', [
    'マイページにログインできないとのこと。パスワード再設定の手順をご案内し、その場で解決。',
    '二段階認証のSMSが届かない。登録番号の誤りが判明し、本人確認後に修正。',
  ]),
  category(5, '解約・休止', 'Cancellation', [
    '解約のご希望。解約金の有無と最終請求についてご説明。ご家族と相談後に再度ご連絡とのこと。',
    '長期出張のため一時休止を希望。休止手続きの流れをご案内。',
  ]),
  category(6, 'ご意見・苦情', 'Complaint', [
    '書類の到着が遅いとのご不満。発送状況を確認し、本日中に折り返すとお伝えした。',
    '前回の案内が分かりにくかったとのご意見。お詫びし、手順を改めてご説明。SVへ報告済み。',
  ]),
  category(7, 'その他', 'Other', ['営業時間の確認。平日9:00〜18:00とご案内。', '担当部署の連絡先のお問い合わせ。']),
  category(8, '春のキャンペーン', 'Spring campaign', ['キャンペーン特典の適用条件についてのお問い合わせ。'], false),
];

const disposition = (n: number, nameJa: string, nameEn: string): CallCode => ({ id: demoId('d15e', n), nameJa, nameEn, active: true, sortOrder: n * 10 });

/** The demo tenant's dispositions (対応結果). */
export const demoDispositions: readonly CallCode[] = [
  disposition(1, '解決', 'Resolved'),
  disposition(2, '折り返し', 'Call back'),
  disposition(3, '資料送付', 'Documents sent'),
  disposition(4, 'エスカレーション', 'Escalated'),
  disposition(5, '対応不要', 'No action needed'),
];

/** The id of the disposition that asks for a follow-up call. */
export const demoCallBackDispositionId = demoId('d15e', 2);

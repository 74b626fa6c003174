import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { callRecordEvents, callRecords, customerPhones, dispositions, inquiryCategories } from '../db/schema';
import { startOfTokyoDay, tokyoDay } from '../domain/call-records/tokyo-time';
import type { DemoSeedContext, ModuleSeed } from './demo-seed';
import { SeededRandom } from './seeded-random';

/** Inquiry categories (問い合わせ分類) with what agents typically write under each. */
const categoryCatalogue = [
  {
    ja: '住所変更',
    en: 'Address change',
    notes: ['転居に伴う住所変更の手続きについて問い合わせ。必要書類（本人確認書類）をご案内。', '住所変更届の記入方法を説明。郵送での提出を希望されたため、書類を送付手配。'],
  },
  {
    ja: '料金・請求',
    en: 'Billing',
    notes: [
      '今月の請求額が先月より高いとのご指摘。明細を確認し、日割り分の加算であることを説明。',
      '口座振替の引き落とし日の確認。毎月27日（休日の場合は翌営業日）と案内。',
      '請求書の再発行依頼。登録住所へ郵送で手配。',
    ],
  },
  {
    ja: 'マイナンバーカード',
    en: 'My Number card',
    notes: [
      'マイナンバーカードの受け取りに必要な持ち物を案内（交付通知書、本人確認書類）。',
      '電子証明書の暗証番号を忘れたとのこと。窓口での再設定手続きを案内。',
      'カード紛失のため一時利用停止を受付。24時間のコールセンター番号も案内。',
    ],
  },
  { ja: '契約内容の確認', en: 'Contract details', notes: ['契約プランと契約期間の確認。更新月は来年3月と回答。', '名義変更の可否について確認。必要書類を案内。'] },
  { ja: 'パスワード・ログイン', en: 'Password and login', notes: ['マイページにログインできない。パスワード再設定の手順を案内し、その場で解決。'] },
  { ja: '解約', en: 'Cancellation', notes: ['解約希望。違約金の有無と手続き方法を説明。ご家族と相談のうえ再度連絡するとのこと。'] },
  {
    ja: '苦情',
    en: 'Complaint',
    notes: ['前回の担当者の説明が分かりにくかったとのご意見。お詫びのうえ、改めて手順を説明。SVへ報告済み。', '書類の到着が遅いとのご不満。発送状況を確認のうえ折り返すと伝えた。'],
  },
  { ja: 'その他', en: 'Other', notes: ['受付時間の確認。平日8:30〜17:15と案内。', '担当部署の電話番号の問い合わせ。'] },
] as const;

const dispositionCatalogue = [
  { ja: '解決', en: 'Resolved', weight: 60 },
  { ja: '折り返し', en: 'Call back', weight: 15 },
  { ja: 'エスカレーション', en: 'Escalated', weight: 8 },
  { ja: '資料送付', en: 'Documents sent', weight: 12 },
  { ja: '対応不要', en: 'No action', weight: 5 },
] as const;

/** Each group's queue and the centre's number its calls come in on (and go out from). */
const lines = {
  a: { queue: '東京代表', number: '+81352001000' },
  b: { queue: '大阪サポート', number: '+81662001000' },
} as const;

/** How much demo data to make. */
export interface CallRecordsSeedOptions {
  /** Calls per demo agent over the last `days` (default 50). */
  readonly callsPerAgent?: number;
  readonly days?: number;
  readonly seed?: number;
}

/**
 * The tenant's inquiry categories and dispositions (Japanese and English), and sample call
 * records of the demo agents over the last 30 days: weekdays 8:30–17:15, mostly inbound,
 * mostly from customers of the agent's group, with categories, dispositions, Japanese notes
 * and their call events; deterministic apart from the dates, which follow today.
 */
export function callRecordsSeed(options: CallRecordsSeedOptions = {}): ModuleSeed {
  const perAgent = options.callsPerAgent ?? 50;
  const days = options.days ?? 30;
  return async (db: Db, context: DemoSeedContext) => {
    const random = new SeededRandom(options.seed ?? 20_261_124);
    const categories = categoryCatalogue.map((category, index) => ({ id: randomUUID(), tenantId: context.tenantId, nameJa: category.ja, nameEn: category.en, sortOrder: (index + 1) * 10, notes: category.notes }));
    const codes = dispositionCatalogue.map((code, index) => ({ id: randomUUID(), tenantId: context.tenantId, nameJa: code.ja, nameEn: code.en, sortOrder: (index + 1) * 10, weight: code.weight }));
    const phones = await db
      .select({ customerId: customerPhones.customerId, groupId: customerPhones.groupId, e164: customerPhones.e164 })
      .from(customerPhones)
      .where(eq(customerPhones.tenantId, context.tenantId))
      .orderBy(customerPhones.e164);

    const now = Date.now();
    const today = startOfTokyoDay(tokyoDay(new Date(now))).getTime();
    const records: (typeof callRecords.$inferInsert)[] = [];
    const events: (typeof callRecordEvents.$inferInsert)[] = [];
    const agents = Object.keys(context.agentGroups).sort();
    for (const agent of agents) {
      const agentId = context.userIds[agent];
      const groupId = context.agentGroups[agent];
      if (!agentId || !groupId) continue;
      const line = groupId === context.groupIds.a ? lines.a : lines.b;
      const known = phones.filter((phone) => phone.groupId === groupId);
      for (let n = 0; n < perAgent; n += 1) {
        const offered = businessMoment(random, today, days, now);
        const inbound = random.chance(0.75);
        const customer = known.length > 0 && random.chance(0.8) ? random.pick(known) : undefined;
        const remote = customer?.e164 ?? `+81${random.pick(['90', '80', '70'])}${String(random.int(1, 9))}${random.digits(7)}`;
        const abandoned = inbound && random.chance(0.05);
        const ring = random.int(3, 25) * 1000;
        const answered = abandoned ? null : new Date(offered.getTime() + ring);
        const talk = random.int(45, 900) * 1000;
        const ended = new Date(answered ? answered.getTime() + talk : offered.getTime() + ring);
        const hold = answered && random.chance(0.25) ? { from: new Date(answered.getTime() + talk / 3), seconds: random.int(20, Math.min(180, Math.floor(talk / 3000))) } : undefined;
        const category = abandoned ? undefined : random.pick(categories);
        const disposition = abandoned ? undefined : weighted(random, codes);
        const id = randomUUID();
        const sipCallId = `demo-${agent}-${String(n).padStart(3, '0')}@seed.tsunagu.invalid`;
        const note = category ? `${inbound ? '' : '前回のお問い合わせへの折り返し。'}${random.pick(category.notes)}` : '';
        records.push({
          id,
          tenantId: context.tenantId,
          groupId,
          agentId: abandoned ? null : agentId,
          sipCallId,
          direction: inbound ? 'inbound' : 'outbound',
          localNumber: line.number,
          remoteNumber: remote,
          customerId: customer?.customerId ?? null,
          queue: inbound ? line.queue : null,
          phase: 'ended',
          startedAt: offered,
          offeredAt: offered,
          answeredAt: answered,
          endedAt: ended,
          heldSeconds: hold?.seconds ?? 0,
          durationSeconds: answered ? Math.round(talk / 1000) : null,
          endReason: answered ? 'completed' : inbound ? 'abandoned' : 'no-answer',
          categoryId: category?.id ?? null,
          notes: note,
          dispositionId: disposition?.id ?? null,
          followUpAt: disposition?.nameJa === '折り返し' ? tokyoDay(new Date(ended.getTime() + 86_400_000)) : null,
          version: category ? 2 : 1,
          createdAt: offered,
          updatedAt: ended,
        });
        const filer = abandoned ? null : agentId;
        const event = (phase: (typeof callRecordEvents.$inferInsert)['phase'], at: Date) => events.push({ callRecordId: id, tenantId: context.tenantId, agentId: filer, phase, at, receivedAt: at });
        event('offered', offered);
        if (answered) event('answered', answered);
        if (hold) {
          event('held', hold.from);
          event('resumed', new Date(hold.from.getTime() + hold.seconds * 1000));
        }
        event('ended', ended);
      }
    }

    await db.transaction(async (tx) => {
      await tx.insert(inquiryCategories).values(categories.map(({ notes: _notes, ...category }) => category));
      await tx.insert(dispositions).values(codes.map(({ weight: _weight, ...code }) => code));
      if (records.length > 0) await tx.insert(callRecords).values(records);
      if (events.length > 0) await tx.insert(callRecordEvents).values(events);
    });
  };
}

/**
 * A moment on a weekday of the last `days`, between 8:30 and 17:00 Tokyo, at least an hour ago.
 * @remarks After many misses (a short window over a weekend) any day before the window will do.
 */
function businessMoment(random: SeededRandom, today: number, days: number, now: number): Date {
  for (let attempt = 0; ; attempt += 1) {
    const back = attempt < 100 ? random.int(0, days - 1) : days + random.int(0, 6);
    const day = today - back * 86_400_000;
    // Shifted by +9 h, the UTC fields read Tokyo's calendar: this is the weekday in Tokyo.
    const weekday = new Date(day + 9 * 3600_000).getUTCDay();
    const at = day + (8 * 60 + 30) * 60_000 + random.int(0, 510 * 60 - 1) * 1000;
    if (weekday !== 0 && weekday !== 6 && at < now - 3600_000) return new Date(at);
  }
}

function weighted<T extends { weight: number }>(random: SeededRandom, items: readonly T[]): T {
  let left = random.next() * items.reduce((sum, item) => sum + item.weight, 0);
  for (const item of items) {
    left -= item.weight;
    if (left < 0) return item;
  }
  return random.pick(items);
}

import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { customerPhones, customers } from '../db/schema';
import type { PhoneLabel } from '../../../src/contract/customers';
import { parsePhoneNumber } from '../domain/customers/phone-number';
import type { DemoSeedContext, ModuleSeed } from './demo-seed';
import { SeededRandom } from './seeded-random';

/** A name in kanji, its reading in katakana, and its romaji for e-mail addresses. */
type Name = readonly [kanji: string, kana: string, romaji: string];

const familyNames: readonly Name[] = [
  ['佐藤', 'サトウ', 'sato'], ['鈴木', 'スズキ', 'suzuki'], ['高橋', 'タカハシ', 'takahashi'], ['田中', 'タナカ', 'tanaka'],
  ['伊藤', 'イトウ', 'ito'], ['渡辺', 'ワタナベ', 'watanabe'], ['山本', 'ヤマモト', 'yamamoto'], ['中村', 'ナカムラ', 'nakamura'],
  ['小林', 'コバヤシ', 'kobayashi'], ['加藤', 'カトウ', 'kato'], ['吉田', 'ヨシダ', 'yoshida'], ['山田', 'ヤマダ', 'yamada'],
  ['佐々木', 'ササキ', 'sasaki'], ['山口', 'ヤマグチ', 'yamaguchi'], ['松本', 'マツモト', 'matsumoto'], ['井上', 'イノウエ', 'inoue'],
  ['木村', 'キムラ', 'kimura'], ['林', 'ハヤシ', 'hayashi'], ['斎藤', 'サイトウ', 'saito'], ['清水', 'シミズ', 'shimizu'],
  ['山崎', 'ヤマザキ', 'yamazaki'], ['森', 'モリ', 'mori'], ['池田', 'イケダ', 'ikeda'], ['橋本', 'ハシモト', 'hashimoto'],
  ['阿部', 'アベ', 'abe'], ['石川', 'イシカワ', 'ishikawa'], ['山下', 'ヤマシタ', 'yamashita'], ['中島', 'ナカジマ', 'nakajima'],
  ['石井', 'イシイ', 'ishii'], ['小川', 'オガワ', 'ogawa'], ['前田', 'マエダ', 'maeda'], ['岡田', 'オカダ', 'okada'],
  ['長谷川', 'ハセガワ', 'hasegawa'], ['藤田', 'フジタ', 'fujita'], ['後藤', 'ゴトウ', 'goto'], ['近藤', 'コンドウ', 'kondo'],
  ['村上', 'ムラカミ', 'murakami'], ['遠藤', 'エンドウ', 'endo'], ['青木', 'アオキ', 'aoki'], ['坂本', 'サカモト', 'sakamoto'],
  ['福田', 'フクダ', 'fukuda'], ['太田', 'オオタ', 'ota'], ['西村', 'ニシムラ', 'nishimura'], ['藤井', 'フジイ', 'fujii'],
  ['金子', 'カネコ', 'kaneko'], ['岡本', 'オカモト', 'okamoto'], ['藤原', 'フジワラ', 'fujiwara'], ['中野', 'ナカノ', 'nakano'],
  ['三浦', 'ミウラ', 'miura'], ['原田', 'ハラダ', 'harada'], ['松田', 'マツダ', 'matsuda'], ['竹内', 'タケウチ', 'takeuchi'],
  ['上田', 'ウエダ', 'ueda'], ['小野', 'オノ', 'ono'], ['田村', 'タムラ', 'tamura'], ['中川', 'ナカガワ', 'nakagawa'],
  ['和田', 'ワダ', 'wada'], ['石田', 'イシダ', 'ishida'], ['森田', 'モリタ', 'morita'], ['髙木', 'タカギ', 'takagi'],
];

const givenNames: readonly Name[] = [
  ['翔太', 'ショウタ', 'shota'], ['大輔', 'ダイスケ', 'daisuke'], ['健太', 'ケンタ', 'kenta'], ['拓也', 'タクヤ', 'takuya'],
  ['直樹', 'ナオキ', 'naoki'], ['大樹', 'ダイキ', 'daiki'], ['亮', 'リョウ', 'ryo'], ['誠', 'マコト', 'makoto'],
  ['浩二', 'コウジ', 'koji'], ['隆', 'タカシ', 'takashi'], ['博', 'ヒロシ', 'hiroshi'], ['茂', 'シゲル', 'shigeru'],
  ['修', 'オサム', 'osamu'], ['剛', 'ツヨシ', 'tsuyoshi'], ['和也', 'カズヤ', 'kazuya'], ['陽介', 'ヨウスケ', 'yosuke'],
  ['蓮', 'レン', 'ren'], ['悠真', 'ユウマ', 'yuma'], ['湊', 'ミナト', 'minato'], ['大和', 'ヤマト', 'yamato'],
  ['健一', 'ケンイチ', 'kenichi'], ['正人', 'マサト', 'masato'], ['実', 'ミノル', 'minoru'], ['翼', 'ツバサ', 'tsubasa'],
  ['美咲', 'ミサキ', 'misaki'], ['陽子', 'ヨウコ', 'yoko'], ['恵子', 'ケイコ', 'keiko'], ['京子', 'キョウコ', 'kyoko'],
  ['幸子', 'サチコ', 'sachiko'], ['由美', 'ユミ', 'yumi'], ['真由美', 'マユミ', 'mayumi'], ['直美', 'ナオミ', 'naomi'],
  ['智子', 'トモコ', 'tomoko'], ['裕子', 'ユウコ', 'yuko'], ['愛', 'アイ', 'ai'], ['彩', 'アヤ', 'aya'],
  ['麻衣', 'マイ', 'mai'], ['結衣', 'ユイ', 'yui'], ['陽菜', 'ヒナ', 'hina'], ['葵', 'アオイ', 'aoi'],
  ['さくら', 'サクラ', 'sakura'], ['花子', 'ハナコ', 'hanako'], ['明美', 'アケミ', 'akemi'], ['久美子', 'クミコ', 'kumiko'],
  ['千尋', 'チヒロ', 'chihiro'], ['文子', 'フミコ', 'fumiko'], ['和子', 'カズコ', 'kazuko'], ['芽衣', 'メイ', 'mei'],
];

/** Where a group's customers live, and the area codes of their landlines with the digits after the code. */
interface Region {
  readonly addresses: readonly string[];
  readonly landlines: readonly (readonly [areaCode: string, digits: number])[];
}

const regions: Readonly<Record<'a' | 'b', Region>> = {
  a: {
    addresses: ['東京都千代田区丸の内', '東京都新宿区西新宿', '東京都世田谷区三軒茶屋', '東京都練馬区豊玉北', '東京都江東区豊洲', '神奈川県横浜市中区山下町', '埼玉県さいたま市浦和区高砂', '千葉県千葉市中央区富士見'],
    landlines: [['03', 8], ['03', 8], ['03', 8], ['045', 7], ['048', 7], ['043', 7]],
  },
  b: {
    addresses: ['大阪府大阪市北区梅田', '大阪府大阪市中央区難波', '大阪府堺市堺区南瓦町', '大阪府豊中市本町', '京都府京都市中京区烏丸通', '兵庫県神戸市中央区三宮町', '兵庫県西宮市六湛寺町', '奈良県奈良市三条町'],
    landlines: [['06', 8], ['06', 8], ['06', 8], ['075', 7], ['078', 7], ['072', 7]],
  },
};

const mobilePrefixes = ['090', '080', '070'];
const emailDomains = ['example.jp', 'example.co.jp', 'example.ne.jp'];

const customerNotes = [
  'ご高齢のため、ゆっくり・はっきりお話しください。',
  '郵送物は勤務先ではなく自宅宛てを希望。',
  '折り返しは平日の午前中を希望。',
  '前回、請求書の再発行を依頼済み。',
  '聴覚に不安があるため、大きめの声で対応。',
  '家族（長男）が代理で問い合わせることあり。委任状受領済み。',
  'メールでの連絡を希望。電話は夕方以降。',
  '過去に対応への苦情あり。丁寧な説明を心がけること。',
];

/** How much demo data to make. */
export interface CustomersSeedOptions {
  /** Customers over both groups (default 1,000). */
  readonly customers?: number;
  readonly seed?: number;
}

/**
 * Demo customers with Japanese names (kanji and フリガナ) and numbers (Tokyo, Osaka and other
 * landlines, 090/080/070 mobiles), half in each group; deterministic.
 * @remarks Written with one multi-row insert per table, so 1,000 customers take well under a
 * second even on PGlite.
 */
export function customersSeed(options: CustomersSeedOptions = {}): ModuleSeed {
  const count = options.customers ?? 1000;
  return async (db: Db, context: DemoSeedContext) => {
    const random = new SeededRandom(options.seed ?? 20_261_123);
    const used = new Set<string>();
    const now = Date.now();
    const made = Array.from({ length: count }, (_, index) => {
      const group = index % 2 === 0 ? 'a' : 'b';
      const region = regions[group];
      const family = random.pick(familyNames);
      const given = random.pick(givenNames);
      const mobileFirst = random.chance(0.6);
      const phones: { e164: string; label: PhoneLabel }[] = [];
      const landline = () => {
        const [code, digits] = random.pick(region.landlines);
        return uniqueNumber(random, used, () => `${code}${String(random.int(2, 9))}${random.digits(digits - 1)}`);
      };
      const mobile = () => uniqueNumber(random, used, () => `${random.pick(mobilePrefixes)}${String(random.int(1, 9))}${random.digits(7)}`);
      phones.push(mobileFirst ? { e164: mobile(), label: 'mobile' } : { e164: landline(), label: 'home' });
      if (random.chance(0.3)) phones.push(mobileFirst ? { e164: landline(), label: random.chance(0.5) ? 'home' : 'work' } : { e164: mobile(), label: 'mobile' });
      const createdAt = new Date(now - random.int(1, 730) * 86_400_000 - random.int(0, 86_399) * 1000);
      return {
        row: {
          id: randomUUID(),
          tenantId: context.tenantId,
          groupId: context.groupIds[group],
          name: `${family[0]} ${given[0]}`,
          nameKana: `${family[1]} ${given[1]}`,
          email: random.chance(0.5) ? `${given[2]}.${family[2]}${String(random.int(1, 999))}@${random.pick(emailDomains)}` : null,
          address: `${random.pick(region.addresses)}${String(random.int(1, 5))}丁目${String(random.int(1, 20))}番${String(random.int(1, 15))}号`,
          notes: random.chance(0.2) ? random.pick(customerNotes) : '',
          createdAt,
          updatedAt: createdAt,
        },
        phones,
      };
    });

    const phoneRows = made.flatMap(({ row, phones }) =>
      phones.map((phone, position) => ({ customerId: row.id, tenantId: row.tenantId, groupId: row.groupId, ...phone, position })),
    );
    await db.transaction(async (tx) => {
      if (made.length > 0) await tx.insert(customers).values(made.map((customer) => customer.row));
      if (phoneRows.length > 0) await tx.insert(customerPhones).values(phoneRows);
    });
  };
}

/** A valid number (by the numbering plan) not used yet, in E.164. */
function uniqueNumber(random: SeededRandom, used: Set<string>, draw: () => string): string {
  for (;;) {
    const phone = parsePhoneNumber(draw());
    if (phone && !used.has(phone.e164)) {
      used.add(phone.e164);
      return phone.e164;
    }
    // A drawn number outside the plan or already taken: draw again (rare, and deterministic).
    random.next();
  }
}

import type { PhoneLabel } from '../../contract/customers';
import { demoGroupIds } from './demo-directory';
import type { MockCustomer, MockCustomerPhone } from './mock-customers';
import { parsePhoneNumber } from './phone-numbers';
import { demoId, SeededRandom } from './seeded-random';
import { startOfTokyoDay, tokyoDay } from './tokyo-time';

/** A name in kanji, its フリガナ and its romaji (for e-mail addresses). */
type DemoName = readonly [kanji: string, kana: string, romaji: string];

const familyNames: readonly DemoName[] = [
  ['佐藤', 'サトウ', 'sato'],
  ['鈴木', 'スズキ', 'suzuki'],
  ['高橋', 'タカハシ', 'takahashi'],
  ['田中', 'タナカ', 'tanaka'],
  ['渡辺', 'ワタナベ', 'watanabe'],
  ['中村', 'ナカムラ', 'nakamura'],
  ['小林', 'コバヤシ', 'kobayashi'],
  ['加藤', 'カトウ', 'kato'],
  ['吉田', 'ヨシダ', 'yoshida'],
  ['松本', 'マツモト', 'matsumoto'],
  ['井上', 'イノウエ', 'inoue'],
  ['木村', 'キムラ', 'kimura'],
  ['清水', 'シミズ', 'shimizu'],
  ['斉藤', 'サイトウ', 'saito'],
  ['池田', 'イケダ', 'ikeda'],
  ['石川', 'イシカワ', 'ishikawa'],
  ['前田', 'マエダ', 'maeda'],
  ['岡田', 'オカダ', 'okada'],
  ['長谷川', 'ハセガワ', 'hasegawa'],
  ['村上', 'ムラカミ', 'murakami'],
];

const givenNames: readonly DemoName[] = [
  ['一郎', 'イチロウ', 'ichiro'],
  ['健', 'ケン', 'ken'],
  ['聡', 'サトシ', 'satoshi'],
  ['達也', 'タツヤ', 'tatsuya'],
  ['翔', 'ショウ', 'sho'],
  ['優斗', 'ユウト', 'yuto'],
  ['俊介', 'シュンスケ', 'shunsuke'],
  ['和夫', 'カズオ', 'kazuo'],
  ['洋子', 'ヨウコ', 'yoko'],
  ['真理', 'マリ', 'mari'],
  ['玲奈', 'レイナ', 'reina'],
  ['千夏', 'チナツ', 'chinatsu'],
  ['里美', 'サトミ', 'satomi'],
  ['紀子', 'ノリコ', 'noriko'],
  ['咲', 'サキ', 'saki'],
  ['恵美', 'エミ', 'emi'],
];

/** Where a group's customers live and the area codes of their landlines (with the digits after the code). */
const regions: Readonly<Record<string, { readonly towns: readonly string[]; readonly landlines: readonly (readonly [string, number])[] }>> = {
  [demoGroupIds.tokyo]: {
    towns: ['東京都港区芝公園', '東京都品川区大崎', '東京都杉並区阿佐谷南', '東京都大田区蒲田', '神奈川県川崎市中原区小杉町', '神奈川県横浜市西区みなとみらい', '埼玉県川口市栄町', '千葉県船橋市本町'],
    landlines: [['03', 8], ['03', 8], ['044', 7], ['045', 7], ['048', 7], ['047', 7]],
  },
  [demoGroupIds.osaka]: {
    towns: ['大阪府大阪市西区靱本町', '大阪府大阪市天王寺区上本町', '大阪府吹田市江坂町', '大阪府東大阪市荒本北', '京都府京都市下京区四条通', '兵庫県尼崎市昭和通', '兵庫県姫路市駅前町', '和歌山県和歌山市本町'],
    landlines: [['06', 8], ['06', 8], ['075', 7], ['072', 7], ['079', 7], ['073', 7]],
  },
};

const sampleNotes = ['折り返しは夕方以降を希望。', 'ご高齢のため、ゆっくり丁寧にご説明すること。', '請求書は郵送を希望。', '日中は携帯電話にご連絡を。', 'メールでの連絡を希望。'];

/** Customers every demo and test can rely on, by name. */
export const demoCustomerIds = {
  /** 山田 太郎 of 東京: 03-1234-5678 and 090-1234-5678. */
  yamadaTokyo: demoId('cc00', 1),
  /** 株式会社みなと物流 of 東京: 03-5211-0800. */
  minatoLogistics: demoId('cc00', 2),
  /** 山田 太郎 as 大阪 knows him: the same mobile, 090-1234-5678. */
  yamadaOsaka: demoId('cc00', 3),
  /** 中川 美穂 of 大阪: 06-6123-4567. */
  nakagawaOsaka: demoId('cc00', 4),
} as const;

/** How many customers each group gets besides the named ones. */
const generatedPerGroup = 17;
const dayMs = 24 * 3600_000;

/**
 * The demo customers: four named ones (one number known to both groups, to show that a group
 * sees only its own customers) and 17 more per group with Japanese names, フリガナ,
 * addresses and valid numbers of the group's region, created over the last two months.
 * @remarks Deterministic: the same customers on every reset; only the dates follow `now`.
 */
export function buildDemoCustomers(now: number): MockCustomer[] {
  const today = startOfTokyoDay(tokyoDay(now));
  const createdAt = (daysAgo: number, minute: number) => today - daysAgo * dayMs + (9 * 60 + minute) * 60_000;
  const phone = (number: string, label?: PhoneLabel): MockCustomerPhone => {
    const parsed = parsePhoneNumber(number);
    if (!parsed) throw new Error(`demo number ${number} is not valid`);
    return { e164: parsed.e164, label: label ?? (parsed.mobile ? 'mobile' : 'home') };
  };
  const named = (id: string, groupId: string, fields: Pick<MockCustomer, 'name' | 'nameKana' | 'email' | 'address' | 'notes' | 'phones'>, daysAgo: number): MockCustomer => ({
    id,
    groupId,
    ...fields,
    version: 1,
    createdAt: createdAt(daysAgo, 0),
    updatedAt: createdAt(daysAgo, 0),
  });

  const customers: MockCustomer[] = [
    named(demoCustomerIds.yamadaTokyo, demoGroupIds.tokyo, {
      name: '山田 太郎',
      nameKana: 'ヤマダ タロウ',
      email: 'taro.yamada@example.jp',
      address: '東京都千代田区丸の内1-1-1',
      notes: '長年のお客様。折り返しは午前中を希望。',
      phones: [phone('03-1234-5678', 'home'), phone('090-1234-5678')],
    }, 90),
    named(demoCustomerIds.minatoLogistics, demoGroupIds.tokyo, {
      name: '株式会社みなと物流',
      nameKana: 'カブシキガイシャ ミナトブツリュウ',
      email: 'soumu@minato-logi.example.jp',
      address: '東京都江東区有明3-5-7',
      notes: '総務部 川口様がご担当。請求書は月末締め。',
      phones: [phone('03-5211-0800', 'work'), phone('03-5211-0801', 'fax')],
    }, 85),
    named(demoCustomerIds.yamadaOsaka, demoGroupIds.osaka, {
      name: '山田 太郎',
      nameKana: 'ヤマダ タロウ',
      email: null,
      address: '大阪府大阪市北区梅田2-2-2',
      notes: '大阪の別宅での契約。',
      phones: [phone('090-1234-5678')],
    }, 80),
    named(demoCustomerIds.nakagawaOsaka, demoGroupIds.osaka, {
      name: '中川 美穂',
      nameKana: 'ナカガワ ミホ',
      email: 'miho.nakagawa@example.jp',
      address: '大阪府豊中市新千里東町1-4-1',
      notes: '',
      phones: [phone('06-6123-4567', 'home'), phone('080-2345-6789')],
    }, 75),
  ];

  const random = new SeededRandom(20_260_401);
  const usedNames = new Set<string>();
  const usedNumbers = new Set(customers.flatMap((customer) => customer.phones.map((own) => `${customer.groupId}:${own.e164}`)));
  const uniqueNumber = (groupId: string, make: () => string): MockCustomerPhone => {
    for (;;) {
      const parsed = parsePhoneNumber(make());
      if (parsed && !usedNumbers.has(`${groupId}:${parsed.e164}`)) {
        usedNumbers.add(`${groupId}:${parsed.e164}`);
        return { e164: parsed.e164, label: parsed.mobile ? 'mobile' : 'home' };
      }
    }
  };

  let n = customers.length;
  for (let index = 0; index < generatedPerGroup * 2; index += 1) {
    const groupId = index % 2 === 0 ? demoGroupIds.tokyo : demoGroupIds.osaka;
    const region = regions[groupId];
    if (!region) throw new Error(`no demo region for group ${groupId}`);
    let family: DemoName;
    let given: DemoName;
    do {
      family = random.pick(familyNames);
      given = random.pick(givenNames);
    } while (usedNames.has(family[0] + given[0]));
    usedNames.add(family[0] + given[0]);

    const phones: MockCustomerPhone[] = [];
    if (random.chance(0.7)) phones.push(uniqueNumber(groupId, () => `${random.pick(['090', '080', '070'])}${random.int(1, 9)}${random.digits(7)}`));
    if (phones.length === 0 || random.chance(0.5)) {
      const [areaCode, length] = random.pick(region.landlines);
      phones.push(uniqueNumber(groupId, () => `${areaCode}${random.int(2, 9)}${random.digits(length - 1)}`));
    }
    n += 1;
    const daysAgo = 60 - index * 1.7;
    customers.push({
      id: demoId('cc00', n),
      groupId,
      name: `${family[0]} ${given[0]}`,
      nameKana: `${family[1]} ${given[1]}`,
      email: random.chance(0.5) ? `${given[2]}.${family[2]}${random.int(1, 99)}@example.jp` : null,
      address: `${random.pick(region.towns)}${random.int(1, 5)}-${random.int(1, 30)}-${random.int(1, 20)}`,
      notes: random.chance(0.3) ? random.pick(sampleNotes) : '',
      phones,
      version: 1,
      createdAt: createdAt(Math.round(daysAgo), random.int(0, 480)),
      updatedAt: createdAt(Math.round(daysAgo), random.int(481, 540)),
    });
  }
  return customers;
}

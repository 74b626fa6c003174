/**
 * Words the synthetic contact-centre data is assembled from: what Japanese callers ask about,
 * what agents write in their notes, customers' names, FAQ sentences in Japanese and English.
 * Only the shapes of the tables live in `fixture-sql.ts`; these lists do not depend on them.
 */

/** A reason for calling, as the agent writes it (ja) and as an English FAQ title names it (en). */
export interface Topic {
  readonly ja: string;
  readonly en: string;
}

export const topics: readonly Topic[] = [
  { ja: 'パスワード再設定', en: 'password reset' },
  { ja: '住所変更', en: 'change of address' },
  { ja: '請求書の再発行', en: 'invoice reissue' },
  { ja: '解約手続き', en: 'cancellation' },
  { ja: '料金プラン変更', en: 'plan change' },
  { ja: '配送状況の確認', en: 'delivery status' },
  { ja: '返品・交換', en: 'returns and exchanges' },
  { ja: 'ログインできない', en: 'login problems' },
  { ja: '支払い方法の変更', en: 'payment method change' },
  { ja: 'ポイントの有効期限', en: 'points expiry' },
  { ja: '領収書の発行', en: 'receipts' },
  { ja: 'メールアドレス変更', en: 'email address change' },
  { ja: '契約内容の確認', en: 'contract details' },
  { ja: '故障・修理の受付', en: 'repair requests' },
  { ja: 'キャンペーンの適用', en: 'campaign discounts' },
  { ja: 'アプリの使い方', en: 'using the app' },
];

/** How the call ended, as the last sentence of an agent's note. */
export const noteOutcomes: readonly string[] = [
  'ご本人確認の上、手順をご案内しました',
  '担当部署より折り返しご連絡する旨をお伝えしました',
  '後日お客様から再度ご連絡いただくことになりました',
  'FAQのURLをSMSで送付しました',
  'その場で手続きを完了しました',
  '上長へエスカレーションしました',
  'お客様都合により途中で切断されました',
  '書類を郵送で手配しました',
];

/** A product line an FAQ article is about. */
export const products: readonly Topic[] = [
  { ja: 'スマートフォン', en: 'smartphone' },
  { ja: '光回線', en: 'fibre broadband' },
  { ja: '電気', en: 'electricity' },
  { ja: 'ガス', en: 'gas' },
  { ja: 'クレジットカード', en: 'credit card' },
  { ja: 'ネットショップ', en: 'online shop' },
  { ja: '定期便', en: 'subscription delivery' },
  { ja: '保険', en: 'insurance' },
];

/** How an FAQ title is phrased around a product and a topic: `{product}の{topic}{ja}`, `en` with %t and %p. */
export const faqTitlePatterns: readonly Topic[] = [
  { ja: 'の方法', en: 'How %t works for %p' },
  { ja: 'について', en: 'About %t (%p)' },
  { ja: 'に関するよくある質問', en: 'FAQ: %t (%p)' },
  { ja: 'ができない場合', en: 'Troubleshooting %t for %p' },
  { ja: 'の手順', en: 'Steps for %t (%p)' },
];

/** Sentences that fill FAQ bodies, in both languages. */
export const faqSentences: readonly Topic[] = [
  { ja: 'マイページにログインし、「設定」メニューを開いてください。', en: 'Sign in to My Page and open the Settings menu.' },
  { ja: 'お手続きには本人確認書類が必要です。', en: 'You will need proof of identity.' },
  { ja: '受付後、通常3営業日以内に完了します。', en: 'It is usually completed within three business days.' },
  { ja: 'ご不明な点はカスタマーセンターまでお問い合わせください。', en: 'If anything is unclear, please contact the customer centre.' },
  { ja: '手数料はかかりません。', en: 'There is no fee.' },
  { ja: '一部のプランではお手続きいただけません。', en: 'Some plans are not eligible.' },
  { ja: 'メールに記載されたURLの有効期限は24時間です。', en: 'The link in the e-mail is valid for 24 hours.' },
  { ja: '郵送でのお手続きも承っております。', en: 'You can also apply by post.' },
  { ja: '混雑時はお電話がつながりにくい場合がございます。', en: 'Lines may be busy at peak times.' },
  { ja: '変更内容は翌月のご請求から反映されます。', en: 'Changes apply from next month’s bill.' },
  { ja: '画面の案内に従って、必要事項を入力してください。', en: 'Follow the on-screen instructions and fill in the required fields.' },
  { ja: '入力内容をご確認のうえ、「送信」ボタンを押してください。', en: 'Check what you entered, then press Submit.' },
  { ja: '完了すると、ご登録のメールアドレスにお知らせが届きます。', en: 'When it is done, a notice is sent to your registered e-mail address.' },
  { ja: 'ご契約者様ご本人からのお申し出が必要です。', en: 'The request must come from the account holder.' },
  { ja: '代理の方がお手続きされる場合は委任状をご用意ください。', en: 'If someone applies on your behalf, they need a letter of authorisation.' },
  { ja: '書類に不備があった場合は、担当者よりご連絡いたします。', en: 'If a document is incomplete, we will contact you.' },
  { ja: '土日祝日はお手続きの完了が翌営業日となります。', en: 'Requests made at weekends or on holidays are completed the next business day.' },
  { ja: 'アプリからも同じお手続きが可能です。', en: 'You can do the same in the app.' },
  { ja: '詳しくはご利用ガイドをご覧ください。', en: 'See the user guide for details.' },
  { ja: '受付状況はマイページの「お手続き履歴」で確認できます。', en: 'You can follow the request under Request history on My Page.' },
];

/** A name in kanji, its reading in katakana, and a romanisation for e-mail addresses. */
export interface JapaneseName {
  readonly kanji: string;
  readonly kana: string;
  readonly romaji: string;
}

export const familyNames: readonly JapaneseName[] = [
  { kanji: '佐藤', kana: 'サトウ', romaji: 'sato' },
  { kanji: '鈴木', kana: 'スズキ', romaji: 'suzuki' },
  { kanji: '高橋', kana: 'タカハシ', romaji: 'takahashi' },
  { kanji: '田中', kana: 'タナカ', romaji: 'tanaka' },
  { kanji: '伊藤', kana: 'イトウ', romaji: 'ito' },
  { kanji: '渡辺', kana: 'ワタナベ', romaji: 'watanabe' },
  { kanji: '山本', kana: 'ヤマモト', romaji: 'yamamoto' },
  { kanji: '中村', kana: 'ナカムラ', romaji: 'nakamura' },
  { kanji: '小林', kana: 'コバヤシ', romaji: 'kobayashi' },
  { kanji: '加藤', kana: 'カトウ', romaji: 'kato' },
  { kanji: '吉田', kana: 'ヨシダ', romaji: 'yoshida' },
  { kanji: '山田', kana: 'ヤマダ', romaji: 'yamada' },
  { kanji: '佐々木', kana: 'ササキ', romaji: 'sasaki' },
  { kanji: '山口', kana: 'ヤマグチ', romaji: 'yamaguchi' },
  { kanji: '松本', kana: 'マツモト', romaji: 'matsumoto' },
  { kanji: '井上', kana: 'イノウエ', romaji: 'inoue' },
  { kanji: '木村', kana: 'キムラ', romaji: 'kimura' },
  { kanji: '林', kana: 'ハヤシ', romaji: 'hayashi' },
  { kanji: '斎藤', kana: 'サイトウ', romaji: 'saito' },
  { kanji: '清水', kana: 'シミズ', romaji: 'shimizu' },
];

export const givenNames: readonly JapaneseName[] = [
  { kanji: '太郎', kana: 'タロウ', romaji: 'taro' },
  { kanji: '花子', kana: 'ハナコ', romaji: 'hanako' },
  { kanji: '翔太', kana: 'ショウタ', romaji: 'shota' },
  { kanji: '美咲', kana: 'ミサキ', romaji: 'misaki' },
  { kanji: '大輔', kana: 'ダイスケ', romaji: 'daisuke' },
  { kanji: '陽菜', kana: 'ヒナ', romaji: 'hina' },
  { kanji: '健太', kana: 'ケンタ', romaji: 'kenta' },
  { kanji: '由美', kana: 'ユミ', romaji: 'yumi' },
  { kanji: '直樹', kana: 'ナオキ', romaji: 'naoki' },
  { kanji: '恵子', kana: 'ケイコ', romaji: 'keiko' },
  { kanji: '拓也', kana: 'タクヤ', romaji: 'takuya' },
  { kanji: '愛', kana: 'アイ', romaji: 'ai' },
  { kanji: '誠', kana: 'マコト', romaji: 'makoto' },
  { kanji: 'さくら', kana: 'サクラ', romaji: 'sakura' },
  { kanji: '隆', kana: 'タカシ', romaji: 'takashi' },
  { kanji: '明美', kana: 'アケミ', romaji: 'akemi' },
];

/** A tenant's code in both languages, as an administrator sets it up. */
export interface Code {
  readonly ja: string;
  readonly en: string;
}

/** Inquiry categories (問い合わせ分類) an agent files a call under. */
export const callCategories: readonly Code[] = [
  { ja: '問い合わせ', en: 'Inquiry' },
  { ja: '手続き', en: 'Procedure' },
  { ja: '苦情', en: 'Complaint' },
  { ja: '故障', en: 'Fault' },
  { ja: '請求', en: 'Billing' },
  { ja: '解約', en: 'Cancellation' },
  { ja: 'その他', en: 'Other' },
];

/**
 * How a call was wrapped up in after-call work (対応結果). The one at
 * `callBackDisposition` sets a follow-up date, as agents do when they promise to call back.
 */
export const dispositions: readonly Code[] = [
  { ja: '解決', en: 'Resolved' },
  { ja: '折り返し', en: 'Call back' },
  { ja: 'エスカレーション', en: 'Escalated' },
  { ja: '対応不要', en: 'No action' },
  { ja: '切断', en: 'Disconnected' },
];
export const callBackDisposition = 1;

/** Sections an FAQ is filed under. */
export const faqCategories: readonly Code[] = [
  { ja: 'アカウント', en: 'Account' },
  { ja: 'ご契約', en: 'Contract' },
  { ja: 'お支払い', en: 'Payment' },
  { ja: '配送', en: 'Delivery' },
  { ja: 'サポート', en: 'Support' },
];

/** A middle sentence of an agent's note, between the topic and the outcome. */
export const noteDetails: readonly string[] = [
  '契約番号と生年月日で本人確認済み',
  '前回も同じ件でご連絡あり',
  'ご家族からの代理のお問い合わせ',
  'お急ぎとのこと',
  'ご高齢のお客様のため、ゆっくりご説明',
  'マイページの画面を一緒に確認',
  '必要書類を一点ずつご案内',
  'お客様のご都合で手短に対応',
];

/** What an agent keeps on a customer's card. */
export const customerNotes: readonly string[] = [
  'ご高齢のため、ゆっくり・はっきりお話しください。',
  '郵送物は勤務先ではなく自宅宛てを希望。',
  '折り返しは平日の午前中を希望。',
  '家族（長男）が代理で問い合わせることあり。委任状受領済み。',
  'メールでの連絡を希望。電話は夕方以降。',
  '過去に対応への苦情あり。丁寧な説明を心がけること。',
];

/** Where customers live, before the block number. */
export const addresses: readonly string[] = [
  '東京都千代田区丸の内',
  '東京都新宿区西新宿',
  '東京都世田谷区三軒茶屋',
  '神奈川県横浜市中区山下町',
  '埼玉県さいたま市浦和区高砂',
  '大阪府大阪市北区梅田',
  '京都府京都市中京区烏丸通',
  '福岡県福岡市中央区天神',
];

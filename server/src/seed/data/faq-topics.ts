/**
 * Facts the demo FAQ is generated from: per topic of a Japanese contact centre (a city's My
 * Number card desk and a subscription service's support line), what a caller asks about it.
 * `faq-seed.ts` turns each topic and each kind of question it has facts for into one article.
 * @remarks Demo content: procedures are plausible, not authoritative.
 */

/** A text in both languages. */
export interface Bilingual {
  readonly ja: string;
  readonly en: string;
}

/** A problem callers report and what solves it. */
export interface Trouble {
  readonly problem: Bilingual;
  readonly fix: Bilingual;
}

/** The kinds of question an article answers about a topic. */
export type FaqQuestionKind = 'how' | 'documents' | 'duration' | 'fee' | 'channels' | 'proxy' | 'deadline' | 'trouble' | 'guide';

export type FaqSeedCategoryKey = 'my-number' | 'address' | 'billing' | 'login' | 'delivery' | 'contract' | 'contact';

/** A category with what its call guides share. */
export interface FaqSeedCategory {
  readonly key: FaqSeedCategoryKey;
  readonly name: Bilingual;
  /** How the agent confirms the caller is who they say. */
  readonly verify: Bilingual;
  /** Where callers can ask further. */
  readonly contact: Bilingual;
  /** What the agent must never do in this category. */
  readonly caution: Bilingual;
  /** When to hand the call to a supervisor, unless the topic says otherwise. */
  readonly escalation: Bilingual;
}

/**
 * One subject callers ask about. `subject` must read well inside every question pattern:
 * Japanese as a noun phrase (住所変更), English with its article (an address change).
 */
export interface FaqSeedTopic {
  readonly category: FaqSeedCategoryKey;
  readonly subject: Bilingual;
  readonly tags: readonly string[];
  readonly steps?: readonly Bilingual[];
  readonly documents?: readonly Bilingual[];
  readonly duration?: Bilingual;
  readonly fee?: Bilingual;
  readonly channels?: readonly Bilingual[];
  readonly proxy?: Bilingual;
  readonly deadline?: Bilingual;
  readonly troubles?: readonly Trouble[];
  readonly note?: Bilingual;
  readonly escalation?: Bilingual;
  /** Titles for questions the standard wording does not fit (e.g. opening hours). */
  readonly titles?: Partial<Record<FaqQuestionKind, Bilingual>>;
}

const cityHours: Bilingual = {
  ja: 'マイナンバーカード専用ダイヤル（平日8:30〜17:15、土日祝日・年末年始を除く）',
  en: 'the My Number Card line (weekdays 8:30–17:15, closed on weekends, national holidays and over the New Year)',
};
const supportHours: Bilingual = {
  ja: 'カスタマーサポート（9:00〜18:00、年末年始を除く毎日）',
  en: 'Customer Support (9:00–18:00 every day except over the New Year)',
};

export const faqSeedCategories: readonly FaqSeedCategory[] = [
  {
    key: 'my-number',
    name: { ja: 'マイナンバーカード', en: 'My Number Card' },
    verify: { ja: 'お名前・生年月日・ご住所', en: 'name, date of birth and address' },
    contact: { ja: `ご不明な点は、${cityHours.ja}までお問い合わせください。`, en: `For anything else, call ${cityHours.en}.` },
    caution: { ja: 'マイナンバー（12桁の個人番号）や暗証番号は、お電話で絶対に伺わないでください。', en: 'Never ask for the 12-digit My Number or any PIN on the phone.' },
    escalation: { ja: '不正利用のおそれがあるとき、または制度上の判断が必要なときはSVに引き継ぎます。', en: 'Hand over to a supervisor when misuse is suspected or a policy decision is needed.' },
  },
  {
    key: 'address',
    name: { ja: '住所・氏名の変更', en: 'Address and name changes' },
    verify: { ja: 'お名前・生年月日・変更前のご住所', en: 'name, date of birth and previous address' },
    contact: { ja: `ご不明な点は、市民課または${cityHours.ja}までお問い合わせください。`, en: `For anything else, contact the Residents Division or ${cityHours.en}.` },
    caution: { ja: '転居先の住所は、ご本人確認が済むまで復唱しないでください。', en: 'Do not read the new address back until the caller has been verified.' },
    escalation: { ja: 'DV等支援措置の対象と思われるお申し出は、すぐにSVに引き継ぎます。', en: 'Hand over to a supervisor at once if the caller may be under protection from domestic violence.' },
  },
  {
    key: 'billing',
    name: { ja: '料金・お支払い', en: 'Billing and payments' },
    verify: { ja: 'お客様番号・お名前・ご登録の電話番号', en: 'customer number, name and registered phone number' },
    contact: { ja: `ご不明な点は、${supportHours.ja}までお問い合わせください。`, en: `For anything else, contact ${supportHours.en}.` },
    caution: { ja: 'クレジットカード番号はお電話で伺わず、マイページからの登録をご案内してください。', en: 'Never take card numbers on the phone; guide the customer to My Page instead.' },
    escalation: { ja: '返金額の判断や支払猶予のお申し出は、SVに引き継ぎます。', en: 'Hand refund amounts and requests to defer payment over to a supervisor.' },
  },
  {
    key: 'login',
    name: { ja: 'ログイン・パスワード', en: 'Login and passwords' },
    verify: { ja: 'お客様番号・お名前・ご登録のメールアドレス', en: 'customer number, name and registered e-mail address' },
    contact: { ja: `ご不明な点は、${supportHours.ja}までお問い合わせください。`, en: `For anything else, contact ${supportHours.en}.` },
    caution: { ja: 'パスワードや認証コードは、オペレーターも伺いません。お客様にも口頭で読み上げないようお伝えください。', en: 'Agents never ask for passwords or codes; tell the customer not to read them out.' },
    escalation: { ja: '第三者による不正ログインが疑われるときは、SVに引き継ぎます。', en: 'Hand over to a supervisor when someone else may have signed in.' },
  },
  {
    key: 'delivery',
    name: { ja: '配送・お届け', en: 'Delivery' },
    verify: { ja: 'ご注文番号・お名前・お届け先の電話番号', en: 'order number, name and delivery phone number' },
    contact: { ja: `ご不明な点は、${supportHours.ja}までお問い合わせください。`, en: `For anything else, contact ${supportHours.en}.` },
    caution: { ja: '配送業者の伝票番号以外の、他のお客様のお届け情報は伝えないでください。', en: 'Share nothing about other customers’ deliveries; only the tracking number of this order.' },
    escalation: { ja: '破損・紛失の補償に関わるお申し出は、SVに引き継ぎます。', en: 'Hand claims for damaged or lost parcels over to a supervisor.' },
  },
  {
    key: 'contract',
    name: { ja: 'ご契約・解約', en: 'Contracts and cancellation' },
    verify: { ja: 'お客様番号・ご契約者のお名前・生年月日', en: 'customer number, contract holder’s name and date of birth' },
    contact: { ja: `ご不明な点は、${supportHours.ja}までお問い合わせください。`, en: `For anything else, contact ${supportHours.en}.` },
    caution: { ja: '解約の引き止めは行わず、お客様のご意向を優先してください。', en: 'Do not try to talk the customer out of cancelling; their decision comes first.' },
    escalation: { ja: '違約金の免除や例外的な扱いのご相談は、SVに引き継ぎます。', en: 'Hand requests to waive fees or make exceptions over to a supervisor.' },
  },
  {
    key: 'contact',
    name: { ja: '受付時間・お問い合わせ窓口', en: 'Business hours and contact' },
    verify: { ja: 'お名前・折り返し先の電話番号', en: 'name and callback number' },
    contact: { ja: '窓口の一覧は、公式サイトの「お問い合わせ」ページにも掲載しています。', en: 'Every contact point is also listed on the Contact page of our website.' },
    caution: { ja: '受付時間外の対応をお約束しないでください。', en: 'Do not promise service outside business hours.' },
    escalation: { ja: 'ご要望が担当窓口で解決しないときは、SVに引き継ぎます。', en: 'Hand over to a supervisor when the right desk cannot resolve the request.' },
  },
];

const applyChannels: readonly Bilingual[] = [
  { ja: 'スマートフォン（交付申請書のQRコードから申請用サイトへ）', en: 'a smartphone (scan the QR code on the application form)' },
  { ja: 'パソコン（申請用WEBサイト）', en: 'a computer (the online application site)' },
  { ja: '郵便（交付申請書に写真を貼って返送）', en: 'post (attach a photo to the form and mail it back)' },
  { ja: 'まちなかの証明写真機', en: 'a photo booth in town' },
  { ja: '市役所 市民課の申請サポート窓口', en: 'the application help desk of the Residents Division at City Hall' },
];

export const faqSeedTopics: readonly FaqSeedTopic[] = [
  // マイナンバーカード
  {
    category: 'my-number',
    subject: { ja: 'マイナンバーカードの新規申請', en: 'a new My Number Card application' },
    tags: ['マイナンバーカード', '申請', 'My Number Card'],
    steps: [
      { ja: 'お手元の交付申請書（QRコード付き）を用意します。', en: 'Have the application form with the QR code ready.' },
      { ja: 'スマートフォン・パソコン・郵便・証明写真機のいずれかで申請します。', en: 'Apply by smartphone, computer, post or a photo booth.' },
      { ja: '交付通知書（はがき）が届いたら、来庁日を予約します。', en: 'When the notice postcard arrives, book a day to collect the card.' },
      { ja: '予約した日に市民課の窓口でカードを受け取ります。', en: 'Collect the card at the Residents Division on that day.' },
    ],
    documents: [
      { ja: '交付申請書（紛失した場合は再発行できます）', en: 'the application form (a new one can be issued if lost)' },
      { ja: '顔写真（縦4.5cm×横3.5cm、6か月以内に撮影したもの）', en: 'a photo (4.5 cm × 3.5 cm, taken within the last six months)' },
    ],
    duration: { ja: '申請から交付通知書の発送まで、おおむね1か月から1か月半かかります。', en: 'The notice postcard is usually mailed one to one and a half months after you apply.' },
    fee: { ja: '初めての交付は無料です。', en: 'Your first card is free of charge.' },
    channels: applyChannels,
    proxy: { ja: '申請はご家族が郵送で行うこともできます。受け取りは原則としてご本人の来庁が必要です。', en: 'A family member may mail the application for you, but you normally have to collect the card in person.' },
    troubles: [
      { problem: { ja: '申請用サイトで写真がエラーになる', en: 'The application site rejects the photo' }, fix: { ja: '背景が無地か、正面を向いているか、顔に影がないかをご確認のうえ、撮り直してください。', en: 'Check the background is plain, you face the camera and there are no shadows, then take it again.' } },
      { problem: { ja: '交付申請書をなくした', en: 'The application form is lost' }, fix: { ja: '市民課の窓口で、その場で再発行します。お電話での郵送依頼も受け付けています。', en: 'The Residents Division prints a new one on the spot, or mails one if you call.' } },
    ],
    note: { ja: '申請から受け取りまで時間がかかるため、お早めの申請をおすすめしています。', en: 'Apply early: it takes a while from application to collection.' },
  },
  {
    category: 'my-number',
    subject: { ja: 'マイナンバーカードの受け取り', en: 'collecting a My Number Card' },
    tags: ['マイナンバーカード', '受け取り', '交付通知書'],
    steps: [
      { ja: '交付通知書に記載の期限までに、電話または予約サイトで来庁日を予約します。', en: 'Book a visit by phone or online before the deadline on the notice postcard.' },
      { ja: '交付通知書と本人確認書類を持って来庁します。', en: 'Bring the postcard and your identification.' },
      { ja: '窓口で暗証番号を設定し、カードを受け取ります。', en: 'Set your PINs at the counter and receive the card.' },
    ],
    documents: [
      { ja: '交付通知書（はがき）', en: 'the notice postcard' },
      { ja: '本人確認書類（運転免許証、パスポートなど）', en: 'photo identification (driving licence, passport, etc.)' },
      { ja: '通知カードまたは住民基本台帳カード（お持ちの方のみ）', en: 'your notification card or Basic Resident Register card, if you have one' },
    ],
    duration: { ja: '窓口での受け取りは30分ほどです。混雑する月曜日と月末は、さらにお待ちいただくことがあります。', en: 'Collection takes about 30 minutes; Mondays and the end of the month are busier.' },
    fee: { ja: '受け取りに費用はかかりません。', en: 'Collecting the card costs nothing.' },
    channels: [
      { ja: '市役所本庁舎 1階 市民課', en: 'the Residents Division, ground floor of City Hall' },
      { ja: '各支所（予約制、週2日）', en: 'the branch offices (by appointment, two days a week)' },
    ],
    proxy: { ja: '病気や障害などで来庁が難しい場合に限り、委任状と来庁できない理由がわかる書類で、代理の方が受け取れます。', en: 'Only if illness or disability keeps you from coming can a representative collect it, with a letter of attorney and proof of the reason.' },
    deadline: { ja: '交付通知書に記載された期限（発送からおよそ3か月）までにお受け取りください。', en: 'Collect the card by the date on the postcard, about three months after it was mailed.' },
    troubles: [
      { problem: { ja: '受け取りの期限を過ぎてしまった', en: 'The collection deadline has passed' }, fix: { ja: 'カードはしばらく保管しています。市民課にお電話いただければ、受け取りの予約をお取りします。', en: 'The card is kept for a while; call the Residents Division to book a collection.' } },
      { problem: { ja: '暗証番号を決めていない', en: 'The PINs have not been chosen' }, fix: { ja: '数字4桁と、英数字6〜16桁の2種類を窓口で決めていただきます。事前に考えておくとスムーズです。', en: 'You choose a 4-digit PIN and a 6–16 character password at the counter; deciding beforehand saves time.' } },
    ],
  },
  {
    category: 'my-number',
    subject: { ja: 'マイナンバーカードの更新', en: 'My Number Card renewal' },
    tags: ['マイナンバーカード', '更新', '有効期限'],
    steps: [
      { ja: '有効期限の2〜3か月前に届く「有効期限通知書」を確認します。', en: 'Check the expiry notice mailed two to three months before the card expires.' },
      { ja: '同封の交付申請書で、新規と同じ方法で申請します。', en: 'Apply with the enclosed form, the same way as for a new card.' },
      { ja: '交付通知書が届いたら予約して来庁し、新しいカードを受け取ります。古いカードは窓口でお返しいただきます。', en: 'When the notice arrives, book a visit and collect the new card; the old one is handed back at the counter.' },
    ],
    documents: [
      { ja: '有効期限通知書に同封の交付申請書', en: 'the application form enclosed with the expiry notice' },
      { ja: '顔写真', en: 'a photo' },
      { ja: '現在お持ちのマイナンバーカード（受け取りの際に返納）', en: 'your current card (returned when you collect the new one)' },
    ],
    duration: { ja: '新しいカードを受け取れるまで、1か月から2か月ほどかかります。', en: 'It takes one to two months until the new card is ready.' },
    fee: { ja: '有効期限による更新は無料です。', en: 'Renewal at expiry is free of charge.' },
    channels: applyChannels,
    proxy: { ja: '更新の申請は郵送でもできます。受け取りは新規と同じく、原則としてご本人です。', en: 'You may apply by post; as with a new card, you normally collect it in person.' },
    deadline: { ja: 'カードの有効期限は、18歳以上の方は発行から10回目の誕生日までです。期限の3か月前から申請できます。', en: 'For adults the card is valid until the tenth birthday after issue; you can apply from three months before.' },
    troubles: [
      { problem: { ja: '有効期限通知書が届かない', en: 'The expiry notice never came' }, fix: { ja: '住所変更の届け出が済んでいない可能性があります。市民課で申請書をお渡しします。', en: 'Your address may not have been updated; the Residents Division can give you a form.' } },
      { problem: { ja: '期限が切れてしまった', en: 'The card has already expired' }, fix: { ja: '期限後も申請できますが、新しいカードを受け取るまでは本人確認書類として使えません。', en: 'You can still apply, but the card cannot be used as ID until the new one is issued.' } },
    ],
  },
  {
    category: 'my-number',
    subject: { ja: '電子証明書の更新', en: 'electronic certificate renewal' },
    tags: ['マイナンバーカード', '電子証明書', '更新', 'マイナポータル'],
    steps: [
      { ja: '「有効期限通知書」が届いたら、カードを持って市民課へお越しください。', en: 'When the expiry notice arrives, bring your card to the Residents Division.' },
      { ja: '窓口の端末で、暗証番号を入力して更新します。', en: 'Enter your PINs on the terminal at the counter to renew.' },
    ],
    documents: [
      { ja: 'マイナンバーカード', en: 'your My Number Card' },
      { ja: '利用者証明用の暗証番号（数字4桁）と署名用のパスワード（英数字6〜16桁）', en: 'your 4-digit PIN and your 6–16 character signature password' },
    ],
    duration: { ja: '窓口での手続きは15分ほどで終わります。', en: 'It takes about 15 minutes at the counter.' },
    fee: { ja: '手数料はかかりません。', en: 'There is no fee.' },
    channels: [{ ja: '市民課の窓口（電子証明書の更新はオンラインではできません）', en: 'the Residents Division counter (certificates cannot be renewed online)' }],
    proxy: { ja: '代理の方が手続きする場合は、ご本人あてに郵送する照会書兼回答書が必要なため、即日では完了しません。', en: 'A representative needs the inquiry form we mail to you, so it cannot be completed on the same day.' },
    deadline: { ja: '電子証明書の有効期限は、発行から5回目の誕生日までです。期限の3か月前から更新できます。', en: 'Certificates are valid until the fifth birthday after issue; you can renew from three months before.' },
    troubles: [
      { problem: { ja: '暗証番号を忘れた', en: 'A PIN is forgotten' }, fix: { ja: '先に暗証番号の再設定が必要です。同じ窓口で続けて手続きできます。', en: 'Reset the PIN first; the same counter can do both in one visit.' } },
      { problem: { ja: '期限切れでマイナポータルにログインできない', en: 'My Portal no longer accepts the card' }, fix: { ja: '電子証明書を更新すれば、再び利用できます。', en: 'Renew the certificate and it works again.' } },
    ],
  },
  {
    category: 'my-number',
    subject: { ja: 'マイナンバーカードの暗証番号の再設定', en: 'a My Number Card PIN reset' },
    tags: ['マイナンバーカード', '暗証番号', 'パスワード', 'ロック'],
    steps: [
      { ja: 'マイナンバーカードを持って市民課の窓口へお越しください。', en: 'Bring your card to the Residents Division.' },
      { ja: '窓口で本人確認のあと、端末で新しい暗証番号を設定します。', en: 'After checking your identity, set a new PIN on the terminal.' },
    ],
    documents: [{ ja: 'マイナンバーカード', en: 'your My Number Card' }],
    duration: { ja: '窓口で10分ほどです。', en: 'About ten minutes at the counter.' },
    fee: { ja: '無料です。', en: 'It is free.' },
    channels: [
      { ja: '市民課の窓口', en: 'the Residents Division counter' },
      { ja: 'コンビニのキオスク端末（署名用パスワードのみ。事前にスマートフォンでの申請が必要です）', en: 'a convenience-store kiosk (signature password only, after applying on a smartphone)' },
    ],
    proxy: { ja: '代理の方による再設定は、ご本人あての照会書を郵送する手続きとなり、完了まで1〜2週間かかります。', en: 'For a representative we mail an inquiry form to you first; it takes one to two weeks.' },
    troubles: [
      { problem: { ja: '3回続けて間違えてロックされた', en: 'The PIN is locked after three wrong tries' }, fix: { ja: '窓口でロックを解除し、その場で再設定します。', en: 'The counter unlocks it and sets a new one on the spot.' } },
      { problem: { ja: 'コンビニで再設定できない', en: 'The convenience-store kiosk refuses the reset' }, fix: { ja: '利用者証明用の暗証番号（4桁）がロックされている場合は、窓口での手続きが必要です。', en: 'If the 4-digit PIN is locked too, it must be done at the counter.' } },
    ],
    note: { ja: '暗証番号を電話で伺うことはありません。', en: 'We never ask for a PIN on the phone.' },
  },
  {
    category: 'my-number',
    subject: { ja: 'マイナンバーカードの紛失・再発行', en: 'replacing a lost My Number Card' },
    tags: ['マイナンバーカード', '紛失', '再発行', '一時停止'],
    steps: [
      { ja: 'マイナンバー総合フリーダイヤル（0120-95-0178、24時間）で、カードの一時利用停止を依頼します。', en: 'Call the My Number hotline (0120-95-0178, 24 hours) to suspend the card.' },
      { ja: '警察に遺失届を出し、受理番号を控えます。', en: 'Report the loss to the police and note the report number.' },
      { ja: '市民課で再交付を申請します。', en: 'Apply for a replacement at the Residents Division.' },
    ],
    documents: [
      { ja: '警察の受理番号', en: 'the police report number' },
      { ja: '本人確認書類（運転免許証など）', en: 'identification (driving licence, etc.)' },
      { ja: '顔写真', en: 'a photo' },
    ],
    duration: { ja: '再交付の申請から受け取りまで、1か月ほどかかります。', en: 'A replacement takes about a month.' },
    fee: { ja: '再交付手数料は1,000円です（電子証明書を含む）。ご自身に責任のない破損の場合などは無料です。', en: 'A replacement costs 1,000 yen including certificates; it is free if the damage was not your fault.' },
    channels: [
      { ja: '一時利用停止：マイナンバー総合フリーダイヤル（24時間365日）', en: 'suspension: the My Number hotline (24 hours, every day)' },
      { ja: '再交付の申請：市民課の窓口', en: 'replacement: the Residents Division counter' },
    ],
    proxy: { ja: '一時利用停止のご連絡は、ご家族からでも受け付けます。', en: 'A family member may call to suspend the card.' },
    troubles: [
      { problem: { ja: '停止したあとにカードが見つかった', en: 'The card turned up after it was suspended' }, fix: { ja: '市民課の窓口で、カードと暗証番号を使って停止を解除できます。', en: 'The Residents Division lifts the suspension with the card and your PIN.' } },
    ],
    escalation: { ja: '不正利用の被害が疑われるときは、一時停止のご案内のあと、すぐにSVに引き継ぎます。', en: 'If misuse is suspected, explain the suspension and hand over to a supervisor at once.' },
  },
  // 住所・氏名の変更
  {
    category: 'address',
    subject: { ja: '住所変更', en: 'an address change' },
    tags: ['住所変更', '転居', '引っ越し'],
    steps: [
      { ja: '引っ越しの日から14日以内に、市民課で転居届を出します。', en: 'File a change of address at the Residents Division within 14 days of moving.' },
      { ja: 'マイナンバーカードの券面に、新しい住所を記載します。', en: 'Have the new address written on your My Number Card.' },
      { ja: '国民健康保険や児童手当など、ほかの手続きも同じ窓口でご案内します。', en: 'The same counter guides you through health insurance, child allowance and the rest.' },
    ],
    documents: [
      { ja: '本人確認書類', en: 'identification' },
      { ja: '世帯全員分のマイナンバーカード', en: 'the My Number Cards of everyone in the household' },
      { ja: '国民健康保険証（加入している方のみ）', en: 'your National Health Insurance card, if you have one' },
    ],
    duration: { ja: '窓口での届け出は30分ほどです。', en: 'Filing takes about 30 minutes at the counter.' },
    fee: { ja: '届け出に手数料はかかりません。', en: 'Filing is free of charge.' },
    channels: [
      { ja: '市民課の窓口', en: 'the Residents Division counter' },
      { ja: '各支所の窓口', en: 'the branch office counters' },
    ],
    proxy: { ja: '同じ世帯の方は委任状なしで届け出できます。別の世帯の方が届け出る場合は委任状が必要です。', en: 'Anyone in your household can file without a letter of attorney; others need one.' },
    deadline: { ja: '引っ越しをした日から14日以内に届け出てください。', en: 'File within 14 days of the day you moved.' },
    troubles: [
      { problem: { ja: '14日を過ぎてしまった', en: 'More than 14 days have passed' }, fix: { ja: '届け出はできます。遅れた理由を書く書類の記入をお願いしています。', en: 'You can still file; we ask you to fill in a short form on why it is late.' } },
      { problem: { ja: 'カードの暗証番号がわからない', en: 'The card PIN is forgotten' }, fix: { ja: '券面の書き換えには4桁の暗証番号が必要です。窓口で再設定してから書き換えます。', en: 'The 4-digit PIN is needed to update the card; we reset it first at the counter.' } },
    ],
  },
  {
    category: 'address',
    subject: { ja: '市外への転出', en: 'moving out of the city' },
    tags: ['住所変更', '転出', '引っ越し', 'マイナポータル'],
    steps: [
      { ja: '市民課の窓口、またはマイナポータルから転出届を出します。', en: 'Give notice of moving out at the Residents Division or on My Portal.' },
      { ja: '新しい住所の市区町村で、14日以内に転入届を出します。', en: 'Register at your new municipality within 14 days.' },
    ],
    documents: [
      { ja: '本人確認書類', en: 'identification' },
      { ja: 'マイナンバーカード（オンラインで届け出る場合）', en: 'your My Number Card (for notice online)' },
    ],
    duration: { ja: '窓口では20分ほど、オンラインなら数分で届け出できます。', en: 'About 20 minutes at the counter, a few minutes online.' },
    fee: { ja: '手数料はかかりません。', en: 'There is no fee.' },
    channels: [
      { ja: '市民課の窓口', en: 'the Residents Division counter' },
      { ja: 'マイナポータル（マイナンバーカードをお持ちの方）', en: 'My Portal (for holders of a My Number Card)' },
      { ja: '郵送', en: 'post' },
    ],
    proxy: { ja: '委任状があれば、代理の方でも届け出できます。', en: 'A representative with a letter of attorney may file it.' },
    deadline: { ja: '引っ越しの14日前から、引っ越し後14日以内までに届け出てください。', en: 'From 14 days before to 14 days after the move.' },
    troubles: [
      { problem: { ja: 'マイナポータルで手続きが進まない', en: 'My Portal will not continue' }, fix: { ja: '電子証明書の有効期限が切れていないか、ご確認ください。', en: 'Check that the electronic certificate has not expired.' } },
    ],
  },
  {
    category: 'address',
    subject: { ja: '結婚などによる氏名の変更', en: 'a name change after marriage' },
    tags: ['氏名変更', '結婚', 'マイナンバーカード'],
    steps: [
      { ja: '婚姻届など、氏名が変わる届け出を出します。', en: 'File the marriage registration or other change of name.' },
      { ja: 'マイナンバーカードの券面の氏名を書き換えます。', en: 'Have the name on your My Number Card updated.' },
      { ja: '失効した署名用電子証明書を、その場で発行し直します。', en: 'Get a new signature certificate, which the change invalidates.' },
    ],
    documents: [
      { ja: 'マイナンバーカード', en: 'your My Number Card' },
      { ja: '本人確認書類', en: 'identification' },
    ],
    duration: { ja: '券面の書き換えと電子証明書の発行で、30分ほどかかります。', en: 'Updating the card and the certificate takes about 30 minutes.' },
    fee: { ja: '手数料はかかりません。', en: 'There is no fee.' },
    channels: [{ ja: '市民課の窓口', en: 'the Residents Division counter' }],
    proxy: { ja: '券面の書き換えは代理の方でもできますが、電子証明書の発行は後日の手続きになります。', en: 'A representative can update the card, but the certificate is issued later.' },
    deadline: { ja: '氏名が変わった日から14日以内に手続きしてください。', en: 'Within 14 days of the change.' },
    troubles: [
      { problem: { ja: 'マイナポータルにログインできなくなった', en: 'My Portal stopped working' }, fix: { ja: '氏名の変更で署名用電子証明書が失効しています。窓口で発行し直してください。', en: 'The name change invalidated the signature certificate; have a new one issued.' } },
    ],
  },
  {
    category: 'address',
    subject: { ja: 'ご登録住所の変更（会員サービス）', en: 'updating the address on your account' },
    tags: ['住所変更', 'マイページ', '会員情報'],
    steps: [
      { ja: 'マイページにログインします。', en: 'Sign in to My Page.' },
      { ja: '「会員情報」から「住所の変更」を選びます。', en: 'Open Account details and choose Change address.' },
      { ja: '郵便番号と新しい住所を入力して保存します。', en: 'Enter the postcode and new address, then save.' },
    ],
    duration: { ja: '変更はすぐに反映されます。請求書の送付先は翌月分から変わります。', en: 'The change applies at once; invoices go to the new address from next month.' },
    fee: { ja: '手数料はかかりません。', en: 'There is no fee.' },
    channels: [
      { ja: 'マイページ（24時間）', en: 'My Page (24 hours)' },
      { ja: 'カスタマーサポートへのお電話', en: 'a call to Customer Support' },
    ],
    proxy: { ja: 'ご登録住所の変更は、ご契約者ご本人からのみ承ります。', en: 'Only the contract holder can change the registered address.' },
    troubles: [
      { problem: { ja: '郵便番号から住所が表示されない', en: 'The postcode does not fill in the address' }, fix: { ja: '新しい郵便番号の場合があります。番地・建物名まで手入力で保存できます。', en: 'It may be a new postcode; type the full address by hand and save.' } },
      { problem: { ja: '保存ボタンが押せない', en: 'The Save button stays grey' }, fix: { ja: '必須項目（建物名以外）がすべて入力されているかご確認ください。', en: 'Check that every required field except the building name is filled in.' } },
    ],
  },
  // 料金・お支払い
  {
    category: 'billing',
    subject: { ja: 'お支払い方法の変更', en: 'a change of payment method' },
    tags: ['支払い', 'クレジットカード', '口座振替'],
    steps: [
      { ja: 'マイページにログインし、「お支払い方法」を開きます。', en: 'Sign in to My Page and open Payment method.' },
      { ja: 'クレジットカードまたは口座振替を選び、必要事項を入力します。', en: 'Choose card or direct debit and fill in the details.' },
      { ja: '口座振替の場合は、金融機関のサイトで手続きを完了させます。', en: 'For direct debit, finish on your bank’s website.' },
    ],
    documents: [
      { ja: 'クレジットカード（ご契約者名義）', en: 'a credit card in the contract holder’s name' },
      { ja: 'キャッシュカードまたは通帳と届出印（口座振替の場合）', en: 'a bank card, or passbook and registered seal (for direct debit)' },
    ],
    duration: { ja: 'クレジットカードは即日、口座振替は手続きから1〜2か月後の請求から切り替わります。', en: 'A card applies the same day; direct debit starts with the bill one or two months later.' },
    fee: { ja: 'お支払い方法の変更に手数料はかかりません。', en: 'Changing the payment method is free.' },
    channels: [
      { ja: 'マイページ', en: 'My Page' },
      { ja: '口座振替依頼書の郵送（お電話でお送りします）', en: 'a paper direct-debit form (we mail one if you call)' },
    ],
    troubles: [
      { problem: { ja: 'カードが登録できない', en: 'The card is refused' }, fix: { ja: '有効期限とご名義をご確認ください。それでも登録できない場合は、カード会社にお問い合わせください。', en: 'Check the expiry date and the name; if it still fails, ask the card issuer.' } },
    ],
  },
  {
    category: 'billing',
    subject: { ja: '請求書の再発行', en: 'reissuing an invoice' },
    tags: ['請求書', '再発行', '領収書'],
    steps: [
      { ja: 'マイページの「ご請求履歴」から、該当月の請求書をPDFでダウンロードできます。', en: 'Download the month’s invoice as a PDF from Billing history on My Page.' },
      { ja: '紙の請求書が必要な場合は、お電話で郵送をご依頼ください。', en: 'For a paper copy, call us and we will mail one.' },
    ],
    duration: { ja: 'PDFはすぐに、郵送は1週間ほどでお届けします。', en: 'The PDF is immediate; a mailed copy takes about a week.' },
    fee: { ja: 'PDFは無料、郵送での再発行は1通につき220円（税込）です。', en: 'PDFs are free; a mailed copy costs 220 yen including tax.' },
    channels: [
      { ja: 'マイページ（過去24か月分）', en: 'My Page (the last 24 months)' },
      { ja: 'カスタマーサポートへのお電話', en: 'a call to Customer Support' },
    ],
    proxy: { ja: '経理ご担当者さまからのご依頼も、ご契約者さまの承諾があれば承ります。', en: 'We accept requests from your accounts staff with the contract holder’s consent.' },
    troubles: [
      { problem: { ja: '宛名を会社名にしたい', en: 'The invoice should name the company' }, fix: { ja: 'マイページの「請求書の宛名」で変更できます。変更後に発行する請求書から反映されます。', en: 'Change it under Invoice addressee on My Page; it applies to invoices issued afterwards.' } },
    ],
  },
  {
    category: 'billing',
    subject: { ja: '支払期限を過ぎたお支払い', en: 'paying after the due date' },
    tags: ['支払い', '延滞', '督促', 'コンビニ払い'],
    steps: [
      { ja: '後日お送りする払込票で、コンビニエンスストアでお支払いください。', en: 'Pay at a convenience store with the payment slip we will send.' },
      { ja: '払込票が届く前にお支払いになりたい場合は、マイページのクレジットカード払いをご利用ください。', en: 'To pay before the slip arrives, pay by card on My Page.' },
    ],
    duration: { ja: 'お支払いの確認には、コンビニ払いで2〜3営業日かかります。', en: 'Convenience-store payments take two to three business days to show.' },
    fee: { ja: '払込票の発行手数料として、1回につき220円（税込）をいただきます。', en: 'Each payment slip carries a 220 yen fee including tax.' },
    channels: [
      { ja: '全国のコンビニエンスストア', en: 'any convenience store in Japan' },
      { ja: 'マイページ（クレジットカード）', en: 'My Page (by card)' },
    ],
    deadline: { ja: '払込票に記載の期限までにお支払いがない場合、翌月からサービスを一時停止することがあります。', en: 'If the slip is not paid by its due date, the service may be suspended from the following month.' },
    troubles: [
      { problem: { ja: '口座の残高不足で引き落とせなかった', en: 'The direct debit failed for lack of funds' }, fix: { ja: '再引き落としは行いません。払込票でのお支払いをお願いします。', en: 'We do not retry the debit; please pay with the slip.' } },
      { problem: { ja: '払込票をなくした', en: 'The payment slip is lost' }, fix: { ja: 'お電話で再発行を承ります。', en: 'Call us and we will reissue it.' } },
    ],
    escalation: { ja: 'お支払いの猶予や分割のご相談は、SVに引き継ぎます。', en: 'Hand requests to defer or split payment over to a supervisor.' },
  },
  {
    category: 'billing',
    subject: { ja: 'ご返金', en: 'a refund' },
    tags: ['返金', '二重請求', '支払い'],
    steps: [
      { ja: 'ご請求の内容を確認し、返金の対象かどうかをご案内します。', en: 'We check the charge and tell you whether it can be refunded.' },
      { ja: '対象の場合は、お支払いに使われた方法で返金します。', en: 'If so, we refund to the method you paid with.' },
    ],
    duration: { ja: 'クレジットカードへの返金は、カード会社により1〜2か月後の明細に反映されます。', en: 'Card refunds show on a statement one or two months later, depending on the issuer.' },
    fee: { ja: '返金の手数料はかかりません。', en: 'There is no fee for a refund.' },
    channels: [{ ja: 'カスタマーサポートへのお電話', en: 'a call to Customer Support' }],
    troubles: [
      { problem: { ja: '二重に請求されている', en: 'I was charged twice' }, fix: { ja: '確認のうえ、重複分を全額返金します。ご請求月と金額をお知らせください。', en: 'Once confirmed, the duplicate is refunded in full; tell us the month and amount.' } },
    ],
    escalation: { ja: '返金額の判断が必要なときは、必ずSVに引き継ぎます。', en: 'Always hand over to a supervisor when an amount must be decided.' },
  },
  {
    category: 'billing',
    subject: { ja: 'ご利用料金の確認', en: 'checking your charges' },
    tags: ['料金', '明細', '請求書'],
    steps: [
      { ja: 'マイページの「ご利用明細」で、月ごとの内訳を確認できます。', en: 'See each month’s breakdown under Usage on My Page.' },
      { ja: '当月分は、毎月5日ごろに確定します。', en: 'The current month is final around the 5th of the next month.' },
    ],
    channels: [
      { ja: 'マイページ', en: 'My Page' },
      { ja: '毎月お送りする請求書', en: 'the monthly invoice' },
    ],
    troubles: [
      { problem: { ja: '料金がいつもより高い', en: 'The bill is higher than usual' }, fix: { ja: 'オプションの追加や日割り料金が含まれていないか、明細でご確認ください。', en: 'Check the breakdown for new options or pro-rated charges.' } },
    ],
  },
  // ログイン・パスワード
  {
    category: 'login',
    subject: { ja: 'パスワードの再設定', en: 'a password reset' },
    tags: ['パスワード', 'ログイン', '再設定', 'password'],
    steps: [
      { ja: 'ログイン画面の「パスワードをお忘れの方」を選びます。', en: 'Choose Forgot your password on the sign-in page.' },
      { ja: 'ご登録のメールアドレスを入力すると、再設定用のリンクが届きます。', en: 'Enter your registered e-mail address; a reset link is sent to it.' },
      { ja: 'リンクを開き、新しいパスワードを2回入力して保存します。', en: 'Open the link, type the new password twice and save.' },
    ],
    duration: { ja: 'メールは通常すぐに届きます。リンクの有効期限は24時間です。', en: 'The e-mail usually arrives at once; the link is valid for 24 hours.' },
    channels: [
      { ja: 'ログイン画面（24時間）', en: 'the sign-in page (24 hours)' },
      { ja: 'メールアドレスも使えない場合は、カスタマーサポートへのお電話', en: 'a call to Customer Support if the e-mail address no longer works' },
    ],
    proxy: { ja: 'パスワードの再設定は、ご契約者ご本人のみ行えます。', en: 'Only the contract holder can reset the password.' },
    troubles: [
      { problem: { ja: '再設定メールが届かない', en: 'The reset e-mail does not arrive' }, fix: { ja: '迷惑メールフォルダと、ドメイン指定受信の設定をご確認ください。', en: 'Check the spam folder and any domain filtering.' } },
      { problem: { ja: '新しいパスワードが受け付けられない', en: 'The new password is refused' }, fix: { ja: '英字・数字を含む10文字以上で、過去3回と異なるものを設定してください。', en: 'Use at least 10 characters with letters and digits, different from your last three.' } },
    ],
    note: { ja: 'オペレーターがパスワードを伺うことはありません。', en: 'Agents never ask for your password.' },
  },
  {
    category: 'login',
    subject: { ja: 'ログインIDの確認', en: 'recovering your login ID' },
    tags: ['ログイン', 'ID', 'メールアドレス'],
    steps: [
      { ja: 'ログイン画面の「IDをお忘れの方」を選びます。', en: 'Choose Forgot your ID on the sign-in page.' },
      { ja: 'お客様番号とご登録の電話番号を入力すると、IDをメールでお知らせします。', en: 'Enter your customer number and phone number; the ID is e-mailed to you.' },
    ],
    duration: { ja: 'メールはすぐに届きます。', en: 'The e-mail arrives at once.' },
    channels: [
      { ja: 'ログイン画面', en: 'the sign-in page' },
      { ja: 'ご契約時にお送りした「ご契約内容のお知らせ」', en: 'the contract summary we mailed when you signed up' },
    ],
    proxy: { ja: 'IDは、ご登録のメールアドレスあてにのみお知らせします。', en: 'The ID is only ever sent to the registered e-mail address.' },
    troubles: [
      { problem: { ja: 'お客様番号がわからない', en: 'The customer number is unknown' }, fix: { ja: '請求書の右上に記載しています。', en: 'It is printed at the top right of every invoice.' } },
    ],
  },
  {
    category: 'login',
    subject: { ja: '二段階認証の設定', en: 'setting up two-step verification' },
    tags: ['ログイン', '二段階認証', 'セキュリティ', '認証コード'],
    steps: [
      { ja: 'マイページの「セキュリティ」を開きます。', en: 'Open Security on My Page.' },
      { ja: '認証アプリでQRコードを読み取るか、SMSを選びます。', en: 'Scan the QR code with an authenticator app, or choose SMS.' },
      { ja: '表示された6桁の認証コードを入力して完了です。', en: 'Enter the 6-digit code shown to finish.' },
    ],
    duration: { ja: '設定は5分ほどで終わります。', en: 'Setup takes about five minutes.' },
    fee: { ja: '無料です（SMSの受信料もかかりません）。', en: 'It is free, SMS included.' },
    channels: [{ ja: 'マイページ', en: 'My Page' }],
    troubles: [
      { problem: { ja: '機種変更で認証アプリが使えない', en: 'A new phone lost the authenticator app' }, fix: { ja: '設定時に控えたバックアップコードでログインし、設定し直してください。', en: 'Sign in with a backup code from setup and set it up again.' } },
      { problem: { ja: '認証コードが違うと表示される', en: 'The code is said to be wrong' }, fix: { ja: 'スマートフォンの時刻が自動設定になっているか、ご確認ください。', en: 'Make sure the phone sets its clock automatically.' } },
    ],
  },
  {
    category: 'login',
    subject: { ja: 'アカウントロックの解除', en: 'unlocking a locked account' },
    tags: ['ログイン', 'ロック', 'パスワード'],
    steps: [
      { ja: 'ロックは30分後に自動で解除されます。', en: 'The lock lifts by itself after 30 minutes.' },
      { ja: 'すぐにご利用になりたい場合は、パスワードを再設定するとロックも解除されます。', en: 'To get in at once, reset the password, which also unlocks the account.' },
    ],
    duration: { ja: '自動解除まで30分です。', en: 'Thirty minutes until it unlocks itself.' },
    channels: [
      { ja: 'ログイン画面の「パスワードをお忘れの方」', en: 'Forgot your password on the sign-in page' },
      { ja: 'カスタマーサポートへのお電話', en: 'a call to Customer Support' },
    ],
    troubles: [
      { problem: { ja: '何度もロックされる', en: 'The account keeps locking' }, fix: { ja: 'ブラウザに古いパスワードが保存されていないか、ご確認ください。', en: 'Check the browser has not saved an old password.' } },
    ],
    escalation: { ja: 'ご本人に心当たりのないロックは、不正アクセスの可能性があるためSVに引き継ぎます。', en: 'A lock the customer did not cause may be an attack: hand over to a supervisor.' },
  },
  // 配送・お届け
  {
    category: 'delivery',
    subject: { ja: '配送状況の確認', en: 'tracking a delivery' },
    tags: ['配送', '追跡', '伝票番号'],
    titles: { duration: { ja: '注文した商品はいつ届きますか', en: 'When will my order arrive?' } },
    steps: [
      { ja: '発送完了メールに記載の伝票番号を確認します。', en: 'Find the tracking number in the dispatch e-mail.' },
      { ja: 'マイページの「ご注文履歴」から、配送業者のサイトで状況を確認できます。', en: 'Open Order history on My Page to follow it on the carrier’s site.' },
    ],
    duration: { ja: '発送から、本州へは1〜2日、北海道・九州・沖縄へは2〜4日でお届けします。', en: 'Delivery takes one to two days on Honshu and two to four to Hokkaido, Kyushu and Okinawa.' },
    channels: [
      { ja: 'マイページの「ご注文履歴」', en: 'Order history on My Page' },
      { ja: '配送業者の追跡サイト', en: 'the carrier’s tracking site' },
    ],
    troubles: [
      { problem: { ja: '追跡情報が更新されない', en: 'Tracking has not moved' }, fix: { ja: '発送当日は反映されないことがあります。翌日の夕方以降にもう一度ご確認ください。', en: 'It may not show on the day of dispatch; check again after the next evening.' } },
      { problem: { ja: '配達完了なのに届いていない', en: 'It says delivered but nothing came' }, fix: { ja: '宅配ボックスやご家族の受け取りをご確認のうえ、配送業者へお問い合わせください。', en: 'Check any parcel box or family members, then contact the carrier.' } },
    ],
  },
  {
    category: 'delivery',
    subject: { ja: '再配達の依頼', en: 'a redelivery request' },
    tags: ['配送', '再配達', '不在票'],
    steps: [
      { ja: '不在票に記載の伝票番号を用意します。', en: 'Have the tracking number from the missed-delivery slip ready.' },
      { ja: '配送業者のサイトまたは自動音声の電話で、希望日時を指定します。', en: 'Choose a day and time on the carrier’s site or automated phone line.' },
    ],
    duration: { ja: '当日の18時までのご依頼なら、当日中の再配達が可能な場合があります。', en: 'Requests before 18:00 can sometimes be delivered the same day.' },
    fee: { ja: '再配達は無料です。', en: 'Redelivery is free.' },
    channels: [
      { ja: '配送業者の再配達受付サイト（24時間）', en: 'the carrier’s redelivery site (24 hours)' },
      { ja: '不在票に記載の自動音声ダイヤル', en: 'the automated number on the slip' },
    ],
    proxy: { ja: 'ご家族の方が受け取ることもできます。', en: 'A family member may receive it.' },
    deadline: { ja: '保管期限は配達初日から7日間です。過ぎると当店へ返送されます。', en: 'Parcels are held for seven days from the first attempt, then returned to us.' },
    troubles: [
      { problem: { ja: '保管期限を過ぎて返送された', en: 'The parcel went back to the shop' }, fix: { ja: '再発送を承ります。再発送の送料はお客様のご負担となります。', en: 'We can send it again; the customer pays the shipping.' } },
    ],
  },
  {
    category: 'delivery',
    subject: { ja: 'お届け先の変更', en: 'changing the delivery address' },
    tags: ['配送', 'お届け先', '住所変更'],
    steps: [
      { ja: '発送前であれば、マイページの「ご注文履歴」から変更できます。', en: 'Before dispatch, change it under Order history on My Page.' },
      { ja: '発送後は、配送業者に転送をご依頼ください。', en: 'After dispatch, ask the carrier to forward it.' },
    ],
    duration: { ja: '変更はすぐに反映されます。', en: 'The change applies at once.' },
    fee: { ja: '発送前の変更は無料です。発送後の転送は、配送業者の規定により料金がかかる場合があります。', en: 'Free before dispatch; forwarding afterwards may cost what the carrier charges.' },
    channels: [
      { ja: 'マイページの「ご注文履歴」', en: 'Order history on My Page' },
      { ja: '配送業者（発送後）', en: 'the carrier (after dispatch)' },
    ],
    deadline: { ja: 'ご注文当日の15時までの変更で、発送前に間に合います。', en: 'Changes until 15:00 on the day of the order are in time for dispatch.' },
    troubles: [
      { problem: { ja: '「変更」ボタンが表示されない', en: 'There is no Change button' }, fix: { ja: 'すでに発送準備に入っています。お電話でご相談ください。', en: 'Packing has started; please call us.' } },
    ],
  },
  {
    category: 'delivery',
    subject: { ja: '返品・交換', en: 'a return or exchange' },
    tags: ['返品', '交換', '不良品'],
    steps: [
      { ja: 'マイページの「ご注文履歴」から、返品・交換を申し込みます。', en: 'Request it under Order history on My Page.' },
      { ja: '届いた返送用伝票を貼り、商品をお送りください。', en: 'Attach the return label we send and ship the item.' },
      { ja: '商品の到着を確認したあと、交換品の発送または返金をします。', en: 'Once it arrives, we send the replacement or refund you.' },
    ],
    documents: [
      { ja: '納品書（同梱のもの）', en: 'the delivery note from the parcel' },
      { ja: '商品と付属品一式', en: 'the item with all its accessories' },
    ],
    duration: { ja: '商品の到着から、交換品の発送まで3営業日ほどです。', en: 'About three business days from receipt to sending the replacement.' },
    fee: { ja: '不良品・誤配送の送料は当店が負担します。お客様のご都合による返品は、送料をご負担ください。', en: 'We pay shipping for faulty or wrong items; for a change of mind the customer pays.' },
    channels: [{ ja: 'マイページの「ご注文履歴」', en: 'Order history on My Page' }],
    deadline: { ja: '商品到着から8日以内にお申し込みください。', en: 'Request it within eight days of delivery.' },
    troubles: [
      { problem: { ja: '箱を捨ててしまった', en: 'The box has been thrown away' }, fix: { ja: '破損しないよう梱包していただければ、別の箱でもかまいません。', en: 'Any box will do if the item is packed safely.' } },
    ],
  },
  // ご契約・解約
  {
    category: 'contract',
    subject: { ja: 'ご契約の解約', en: 'cancelling your contract' },
    tags: ['解約', '契約', '退会'],
    steps: [
      { ja: 'マイページの「ご契約内容」から「解約のお手続き」を選びます。', en: 'Open Contract on My Page and choose Cancel.' },
      { ja: '解約日と理由を選び、内容を確認して申し込みます。', en: 'Pick the date and reason, check and submit.' },
      { ja: '解約の受付完了メールが届きます。', en: 'A confirmation e-mail follows.' },
    ],
    duration: { ja: '月末までのお申し込みで、その月の末日に解約となります。', en: 'Requests made by the end of a month take effect on its last day.' },
    fee: { ja: '最低利用期間（12か月）内の解約には、解約手数料3,300円（税込）がかかります。', en: 'Cancelling within the 12-month minimum term costs 3,300 yen including tax.' },
    channels: [
      { ja: 'マイページ（24時間）', en: 'My Page (24 hours)' },
      { ja: 'カスタマーサポートへのお電話', en: 'a call to Customer Support' },
    ],
    proxy: { ja: 'ご契約者さまが亡くなられた場合は、ご家族からの解約を承ります。', en: 'If the contract holder has died, the family may cancel.' },
    deadline: { ja: '当月末での解約は、月末日の18時までにお申し込みください。', en: 'To cancel at the end of this month, apply by 18:00 on its last day.' },
    troubles: [
      { problem: { ja: '解約の画面が表示されない', en: 'The cancellation page does not appear' }, fix: { ja: '未払いの料金があると表示されません。お支払いのあとにお手続きください。', en: 'It is hidden while a bill is unpaid; pay it first.' } },
    ],
    note: { ja: '解約後は、データを30日間保管したのち削除します。', en: 'After cancellation, your data is kept for 30 days and then deleted.' },
  },
  {
    category: 'contract',
    subject: { ja: '料金プランの変更', en: 'a plan change' },
    tags: ['プラン変更', '契約', '料金'],
    steps: [
      { ja: 'マイページの「ご契約内容」から「プランの変更」を選びます。', en: 'Open Contract on My Page and choose Change plan.' },
      { ja: '新しいプランを選び、料金を確認して申し込みます。', en: 'Pick the new plan, check the price and submit.' },
    ],
    duration: { ja: '上位プランへはすぐに、下位プランへは翌月1日から切り替わります。', en: 'Upgrades apply at once; downgrades from the first of next month.' },
    fee: { ja: 'プラン変更の手数料はかかりません。月の途中の上位プランへの変更は日割りで計算します。', en: 'There is no fee; an upgrade mid-month is charged pro rata.' },
    channels: [{ ja: 'マイページ', en: 'My Page' }],
    troubles: [
      { problem: { ja: '下位プランを選べない', en: 'A cheaper plan cannot be chosen' }, fix: { ja: 'ご利用中の容量が新しいプランの上限を超えていないか、ご確認ください。', en: 'Check your usage fits within the new plan’s limit.' } },
    ],
  },
  {
    category: 'contract',
    subject: { ja: 'ご契約者の名義変更', en: 'transferring the contract to another person' },
    tags: ['名義変更', '契約', '相続'],
    steps: [
      { ja: 'お電話で名義変更の申込書をご請求ください。', en: 'Call us to request the transfer form.' },
      { ja: '現在のご契約者と新しいご契約者の双方が記入し、返送します。', en: 'Both the current and the new holder fill it in and send it back.' },
    ],
    documents: [
      { ja: '名義変更申込書', en: 'the transfer form' },
      { ja: '新しいご契約者の本人確認書類の写し', en: 'a copy of the new holder’s identification' },
      { ja: '戸籍謄本など、続柄がわかる書類（相続の場合）', en: 'a family register extract showing the relationship (for inheritance)' },
    ],
    duration: { ja: '書類の到着から2週間ほどで完了します。', en: 'It takes about two weeks from receipt of the papers.' },
    fee: { ja: '手数料はかかりません。', en: 'There is no fee.' },
    channels: [{ ja: '郵送（申込書はお電話でご請求ください）', en: 'post (call us for the form)' }],
    troubles: [
      { problem: { ja: '現在のご契約者が記入できない', en: 'The current holder cannot sign' }, fix: { ja: 'ご事情を伺い、必要な書類をご案内します。', en: 'Tell us why and we will explain which papers are needed.' } },
    ],
  },
  // 受付時間・お問い合わせ窓口
  {
    category: 'contact',
    subject: { ja: '電話窓口の受付時間', en: 'our telephone opening hours' },
    tags: ['受付時間', '営業時間', '電話'],
    titles: { channels: { ja: '電話窓口の受付時間を教えてください', en: 'What are your telephone opening hours?' } },
    channels: [
      { ja: 'マイナンバーカード専用ダイヤル：平日8:30〜17:15（土日祝日・年末年始を除く）', en: 'My Number Card line: weekdays 8:30–17:15 (closed weekends, holidays and over the New Year)' },
      { ja: 'カスタマーサポート：9:00〜18:00（年末年始を除く毎日）', en: 'Customer Support: 9:00–18:00 every day except over the New Year' },
      { ja: '紛失・盗難の一時停止：24時間365日', en: 'lost or stolen cards: 24 hours, every day' },
    ],
    troubles: [
      { problem: { ja: '電話がつながりにくい', en: 'The line is always busy' }, fix: { ja: '月曜日の午前と昼休みの時間帯は混み合います。午後3時以降が比較的つながりやすくなっています。', en: 'Monday mornings and lunchtime are busiest; after 15:00 is usually quieter.' } },
    ],
    note: { ja: '受付時間外は、自動音声で受付時間をご案内しています。', en: 'Outside these hours, a recorded message gives the opening times.' },
  },
  {
    category: 'contact',
    subject: { ja: '折り返し電話のご依頼', en: 'a callback request' },
    tags: ['折り返し', 'コールバック', '電話'],
    titles: { how: { ja: '折り返し電話をお願いできますか', en: 'Can you call me back?' } },
    steps: [
      { ja: 'お名前・折り返し先の電話番号・ご用件を伺います。', en: 'We take your name, callback number and what it is about.' },
      { ja: 'ご希望の時間帯を伺い、担当者からお電話します。', en: 'We note a preferred time and the right person calls you.' },
    ],
    duration: { ja: '通常は当日中、遅くとも翌営業日までに折り返します。', en: 'Usually the same day, at the latest the next business day.' },
    channels: [
      { ja: 'お電話（混雑時は自動音声で予約できます）', en: 'by phone (when busy, the recorded message can book it)' },
      { ja: '公式サイトの「お問い合わせ」フォーム', en: 'the Contact form on our website' },
    ],
    troubles: [
      { problem: { ja: '折り返しの電話がない', en: 'Nobody called back' }, fix: { ja: '非通知の着信を拒否する設定になっていないか、ご確認ください。折り返しは03から始まる番号からおかけします。', en: 'Check that calls from withheld numbers are not blocked; we call from a number starting with 03.' } },
    ],
  },
  {
    category: 'contact',
    subject: { ja: '英語でのご案内', en: 'support in English' },
    tags: ['英語', 'English', '外国語'],
    titles: {
      how: { ja: '英語で案内を受けるにはどうすればよいですか', en: 'How do I get support in English?' },
      channels: { ja: '英語で問い合わせできる窓口はありますか', en: 'Where can I ask questions in English?' },
    },
    steps: [
      { ja: '自動音声で「英語」を選ぶと、英語対応のオペレーターにおつなぎします。', en: 'Choose English in the recorded menu to reach an English-speaking agent.' },
      { ja: '英語対応のオペレーターが応対中のときは、折り返しをご予約いただけます。', en: 'If they are all busy, you can book a callback.' },
    ],
    channels: [
      { ja: 'カスタマーサポート（英語対応は平日10:00〜17:00）', en: 'Customer Support (English on weekdays 10:00–17:00)' },
      { ja: '公式サイトの英語版FAQ', en: 'the English FAQ on our website' },
    ],
    troubles: [
      { problem: { ja: '英語を選んでも日本語で応対された', en: 'A Japanese-speaking agent answered' }, fix: { ja: '英語対応の時間外の可能性があります。担当者から折り返しのお電話をします。', en: 'It may be outside English hours; an English-speaking agent will call you back.' } },
    ],
    escalation: { ja: '英語での応対が難しいときは、英語スキルを持つオペレーターへ転送し、不在ならSVに引き継ぎます。', en: 'If you cannot help in English, transfer to an agent with the English skill, or to a supervisor.' },
  },
  {
    category: 'contact',
    subject: { ja: '年末年始の窓口', en: 'service over the New Year holidays' },
    tags: ['年末年始', '休業', '受付時間'],
    titles: {
      channels: { ja: '年末年始も窓口は開いていますか', en: 'Are you open over the New Year holidays?' },
      deadline: { ja: '年内の手続きはいつまでに申し込めばよいですか', en: 'What is the last day to apply before the New Year?' },
    },
    channels: [
      { ja: '12月29日〜1月3日は、すべての電話窓口が休業します。', en: 'Every telephone desk is closed from 29 December to 3 January.' },
      { ja: 'マイナンバーカードの一時利用停止は、年末年始も24時間受け付けています。', en: 'Suspending a My Number Card is possible 24 hours a day throughout.' },
      { ja: 'マイページでのお手続きは、年末年始もご利用いただけます。', en: 'My Page works throughout the holidays.' },
    ],
    deadline: { ja: '年内の手続きは、12月28日の受付終了時刻までにお申し込みください。', en: 'To finish before the New Year, apply before closing time on 28 December.' },
    troubles: [
      { problem: { ja: '休業中に急ぎの用件がある', en: 'Something is urgent during the holidays' }, fix: { ja: '公式サイトのお問い合わせフォームをご利用ください。1月4日から順にご連絡します。', en: 'Use the Contact form; we answer in order from 4 January.' } },
    ],
    note: { ja: '年明けは窓口が大変混み合います。', en: 'The first days after the holidays are very busy.' },
  },
];

/** Sections of the demo FAQ, in display order. */
export const demoFaqSections = [
  { key: 'account', name_ja: 'アカウント・ログイン', name_en: 'Accounts and sign-in' },
  { key: 'billing', name_ja: '料金・お支払い', name_en: 'Billing and payment' },
  { key: 'contract', name_ja: '契約・各種手続き', name_en: 'Contracts and procedures' },
  { key: 'address', name_ja: '住所・名義の変更', name_en: 'Address and name changes' },
  { key: 'calls', name_ja: '電話応対の基本', name_en: 'Call handling basics' },
  { key: 'system', name_ja: 'システム操作', name_en: 'Using the system' },
] as const;

/** The key of a demo FAQ section. */
export type DemoFaqSection = (typeof demoFaqSections)[number]['key'];

/** One demo article as written: both languages (English may be empty), Markdown bodies. */
export interface DemoFaqArticle {
  readonly section: DemoFaqSection;
  readonly title_ja: string;
  readonly title_en: string;
  readonly tags: readonly string[];
  readonly body_ja: string;
  readonly body_en: string;
}

/**
 * The demo FAQ and manual: what a Japanese contact centre's agents look up during a call,
 * most articles in Japanese and English, a few in Japanese only.
 * @remarks Content only; ids, dates, versions and authors are given by `buildDemoFaq`.
 */
export const demoFaqArticles: readonly DemoFaqArticle[] = [
  {
    section: 'account',
    title_ja: 'パスワードを忘れた場合の再設定',
    title_en: 'Resetting a forgotten password',
    tags: ['パスワード', 'ログイン', 'マイページ'],
    body_ja: `## ご案内の流れ
1. マイページのログイン画面で「パスワードをお忘れの方」を押していただく
2. 登録メールアドレスを入力していただく
3. 届いたメールのリンクから、30分以内に新しいパスワードを設定していただく

メールが届かない場合は、迷惑メールフォルダの確認をお願いする。登録メールアドレスが分からない場合は**本人確認のうえ**、登録内容をご案内する。`,
    body_en: `## Steps to explain
1. Press "Forgot your password?" on the My Page sign-in screen
2. Enter the registered e-mail address
3. Set a new password from the link in the e-mail within 30 minutes

If no e-mail arrives, ask the customer to check the spam folder. If they do not know the registered address, tell them **after verifying their identity**.`,
  },
  {
    section: 'account',
    title_ja: 'マイページにログインできない',
    title_en: 'Cannot sign in to My Page',
    tags: ['ログイン', 'マイページ'],
    body_ja: `まず以下を順に確認する。

- ログインIDは会員番号（10桁の数字）であること
- Caps Lock がオンになっていないこと
- 5回続けて失敗するとアカウントが30分ロックされること

それでもログインできない場合は、パスワードの再設定をご案内する。`,
    body_en: `Check the following in order.

- The sign-in ID is the 10-digit membership number
- Caps Lock is not on
- Five failures in a row lock the account for 30 minutes

If the customer still cannot sign in, guide them through resetting the password.`,
  },
  {
    section: 'account',
    title_ja: '二段階認証のSMSが届かない',
    title_en: 'The two-step verification SMS does not arrive',
    tags: ['二段階認証', 'SMS'],
    body_ja: `登録されている携帯電話番号を本人確認のうえで確認する。番号が誤っている場合はその場で修正できる。

海外から利用中の場合、SMSが届かないことがある。その場合は認証アプリへの切り替えをご案内する。`,
    body_en: `Verify the caller, then check the registered mobile number; a wrong number can be corrected during the call.

SMS may not arrive while the customer is abroad. Suggest switching to an authenticator app.`,
  },
  {
    section: 'account',
    title_ja: 'メールアドレスの変更方法',
    title_en: 'Changing the e-mail address',
    tags: ['メールアドレス', 'マイページ'],
    body_ja: 'マイページの「登録情報」→「メールアドレス変更」から変更できる。新しいアドレスに確認メールが届き、リンクを開くと変更が完了する。',
    body_en: 'Customers change it under "Registration" → "Change e-mail address" on My Page. A confirmation e-mail is sent to the new address; opening its link completes the change.',
  },
  {
    section: 'account',
    title_ja: 'アカウントのロック解除',
    title_en: 'Unlocking a locked account',
    tags: ['ロック', 'パスワード'],
    body_ja: 'ロックは30分で自動的に解除される。急ぎの場合は本人確認のうえ、SVの承認を得て手動で解除する。',
    body_en: 'A lock lifts by itself after 30 minutes. If it is urgent, verify the caller and unlock it by hand with a supervisor’s approval.',
  },
  {
    section: 'billing',
    title_ja: '請求額が先月より高い理由',
    title_en: 'Why the bill is higher than last month',
    tags: ['請求', '日割り'],
    body_ja: `よくある理由は次のとおり。

| 理由 | 確認する場所 |
| --- | --- |
| 契約月の日割り料金 | 請求明細の「日割り」行 |
| オプションの追加 | 契約内容の「オプション」 |
| 前月分の未払い | 請求明細の「前月繰越」 |

明細をお客様と一緒に確認し、理由をご説明する。`,
    body_en: `Common reasons:

| Reason | Where to look |
| --- | --- |
| Pro-rated charge in the first month | "Pro-rated" line of the statement |
| An option was added | "Options" in the contract |
| Last month unpaid | "Carried over" on the statement |

Go through the statement with the customer and explain the reason.`,
  },
  {
    section: 'billing',
    title_ja: '口座振替日の確認',
    title_en: 'Direct debit date',
    tags: ['口座振替', '引き落とし'],
    body_ja: '口座振替は毎月26日（金融機関の休業日の場合は翌営業日）。残高不足で引き落とせなかった場合は、翌月に払込票を送付する。',
    body_en: 'Direct debits are taken on the 26th of each month (the next business day if the bank is closed). If the balance was too low, a payment slip is sent the following month.',
  },
  {
    section: 'billing',
    title_ja: '払込票の再発行',
    title_en: 'Reissuing a payment slip',
    tags: ['払込票', 'コンビニ'],
    body_ja: '本人確認のうえ、登録住所へ郵送で再発行する。到着まで5営業日ほどかかる。お急ぎの場合はマイページからのクレジットカード払いもご案内する。',
    body_en: 'After verifying the caller, reissue it by post to the registered address; it takes about five business days. If it is urgent, suggest paying by credit card on My Page.',
  },
  {
    section: 'billing',
    title_ja: 'クレジットカード払いへの変更',
    title_en: 'Switching to credit card payment',
    tags: ['クレジットカード', '支払方法'],
    body_ja: 'マイページの「お支払い方法」から変更できる。変更は翌月の請求から反映される。カード番号を電話で伺うことは**絶対にしない**。',
    body_en: 'Customers switch under "Payment method" on My Page; the change applies from next month’s bill. **Never** take a card number over the phone.',
  },
  {
    section: 'billing',
    title_ja: '領収書の発行',
    title_en: '',
    tags: ['領収書'],
    body_ja: '口座振替・クレジットカード払いの場合、領収書は発行しない。請求明細（マイページからPDFで取得可能）が支払いの証明になるとご案内する。',
    body_en: '',
  },
  {
    section: 'billing',
    title_ja: '支払いが遅れた場合',
    title_en: 'If a payment is late',
    tags: ['延滞', '督促'],
    body_ja: `支払期限から14日を過ぎると督促状を送付する。30日を過ぎるとサービスが停止される場合がある。

分割払いのご相談は、SVへエスカレーションする。`,
    body_en: `A reminder is sent 14 days after the due date. After 30 days the service may be suspended.

Escalate requests for payment by instalments to a supervisor.`,
  },
  {
    section: 'contract',
    title_ja: '契約内容の確認方法',
    title_en: 'Checking the contract details',
    tags: ['契約', 'プラン'],
    body_ja: '本人確認後、顧客画面の「契約」タブでプラン、契約開始日、更新月、オプションを確認してご案内する。',
    body_en: 'After verifying the caller, read the plan, start date, renewal month and options from the "Contract" tab of the customer screen.',
  },
  {
    section: 'contract',
    title_ja: 'プラン変更の手続き',
    title_en: 'Changing the plan',
    tags: ['プラン', '変更'],
    body_ja: 'プラン変更は毎月20日までの受付で翌月1日から適用される。上位プランへの変更は電話で受付可能、下位プランへの変更は書面が必要。',
    body_en: 'Plan changes received by the 20th apply from the 1st of the next month. Upgrades can be taken over the phone; downgrades need a written form.',
  },
  {
    section: 'contract',
    title_ja: '解約の手続きと解約金',
    title_en: 'Cancellation and its fee',
    tags: ['解約', '違約金'],
    body_ja: `## 解約金
- 契約から2年以内: 1,100円（税込）
- 更新月: 無料

## 手続き
本人確認のうえ解約を受け付け、最終請求月をご案内する。引き止めは一度まで。`,
    body_en: `## Fee
- Within two years of the contract: ¥1,100 including tax
- In the renewal month: free

## Procedure
Verify the caller, take the cancellation and tell them the month of the final bill. Try to retain the customer at most once.`,
  },
  {
    section: 'contract',
    title_ja: '一時休止の手続き',
    title_en: 'Suspending the service temporarily',
    tags: ['休止'],
    body_ja: '最長6か月まで休止できる。休止中の基本料金は月額330円（税込）。再開は電話またはマイページから。',
    body_en: 'The service can be suspended for up to six months at ¥330 a month including tax. Customers resume by phone or on My Page.',
  },
  {
    section: 'contract',
    title_ja: '契約者が亡くなられた場合の承継',
    title_en: '',
    tags: ['承継', '解約'],
    body_ja: `まずお悔やみを申し上げる。ご家族による承継または解約を選んでいただく。

必要書類: 死亡の事実が分かる書類の写し、手続きされる方の本人確認書類。書類は郵送で案内する。`,
    body_en: '',
  },
  {
    section: 'contract',
    title_ja: '未成年者の契約',
    title_en: 'Contracts with minors',
    tags: ['未成年', '同意書'],
    body_ja: '18歳未満の方の契約には、親権者の同意書が必要。同意書はWebサイトからダウンロードできる。',
    body_en: 'A contract with someone under 18 needs a parental consent form, which can be downloaded from the website.',
  },
  {
    section: 'address',
    title_ja: '住所変更の手続き',
    title_en: 'Changing the address',
    tags: ['住所変更', '転居'],
    body_ja: `本人確認のうえ、電話で変更を受け付けられる。

1. 新しい住所を郵便番号から伺う
2. 建物名・部屋番号まで復唱して確認する
3. 請求書の送付先も変更するか確認する`,
    body_en: `After verifying the caller, the change can be taken over the phone.

1. Ask for the new address starting with the postcode
2. Read it back including the building and room number
3. Ask whether bills should go to the new address too`,
  },
  {
    section: 'address',
    title_ja: '名義変更に必要な書類',
    title_en: 'Documents for a change of name',
    tags: ['名義変更', '結婚'],
    body_ja: '結婚などによる姓の変更は、新しい氏名が分かる本人確認書類の写しを郵送していただく。申込書は登録住所へ送付する。',
    body_en: 'For a change of surname (for example on marriage), the customer posts a copy of an ID showing the new name. Send the application form to the registered address.',
  },
  {
    section: 'address',
    title_ja: '電話番号の変更',
    title_en: 'Changing the phone number',
    tags: ['電話番号'],
    body_ja: '本人確認のうえ、顧客情報の電話番号を変更する。番号はハイフンありでもなしでも入力できる（例: 03-1234-5678、090-1234-5678）。',
    body_en: 'After verifying the caller, change the number in the customer record. It may be typed with or without hyphens (03-1234-5678, 090-1234-5678).',
  },
  {
    section: 'address',
    title_ja: '海外へ転居される場合',
    title_en: '',
    tags: ['住所変更', '海外'],
    body_ja: '海外住所への郵送には対応していない。国内の連絡先（ご家族など）を登録していただくか、解約をご案内する。',
    body_en: '',
  },
  {
    section: 'calls',
    title_ja: '第一声と名乗り方',
    title_en: 'Opening the call',
    tags: ['応対', '挨拶'],
    body_ja: '「お電話ありがとうございます。つなぐサポートセンターの（氏名）でございます。」と、明るくはっきり名乗る。',
    body_en: 'Say clearly and warmly: "Thank you for calling the Tsunagu support centre, this is (your name) speaking."',
  },
  {
    section: 'calls',
    title_ja: '本人確認の手順',
    title_en: "Verifying the caller's identity",
    tags: ['本人確認', '個人情報'],
    body_ja: `契約内容や個人情報をお伝えする前に、必ず本人確認を行う。

- 氏名（フルネーム）
- 生年月日
- 登録住所または登録電話番号

2項目以上が一致しない場合は、情報をお伝えしない。`,
    body_en: `Always verify the caller before giving any contract or personal details.

- Full name
- Date of birth
- Registered address or phone number

If two or more items do not match, give no information.`,
  },
  {
    section: 'calls',
    title_ja: '保留の使い方と目安時間',
    title_en: 'Using hold, and for how long',
    tags: ['保留'],
    body_ja: '保留の前に「確認いたしますので、少々お待ちいただけますでしょうか」と必ず断る。30秒を超えそうな場合は一度戻り、状況をお伝えする。',
    body_en: 'Before holding, always ask: "May I put you on hold while I check?" If it will take more than 30 seconds, come back once and tell the customer how it is going.',
  },
  {
    section: 'calls',
    title_ja: '転送の手順（他部署・SV）',
    title_en: 'Transferring a call (other teams, supervisors)',
    tags: ['転送', 'エスカレーション'],
    body_ja: `1. お客様に転送先と理由をお伝えし、了承をいただく
2. 保留にして転送先に要件を伝える（打診転送）
3. 転送先が応答したら転送を完了する

転送先が応答しない場合は、折り返しをご提案する。`,
    body_en: `1. Tell the customer where and why you are transferring them, and get their agreement
2. Put them on hold and brief the other side (consultation transfer)
3. Complete the transfer once the other side answers

If nobody answers, offer a call back instead.`,
  },
  {
    section: 'calls',
    title_ja: 'クレーム対応の基本',
    title_en: 'Handling complaints',
    tags: ['苦情', 'クレーム'],
    body_ja: `- まずお話を最後までお聞きする（途中で遮らない）
- ご不便をおかけしたことにお詫びする
- 事実を確認し、できることとできないことを明確にお伝えする
- 10分を超える場合や対応に迷う場合は、SVへエスカレーションする`,
    body_en: `- Listen to the end first, without interrupting
- Apologise for the inconvenience
- Check the facts and say clearly what can and cannot be done
- Escalate to a supervisor after 10 minutes or whenever unsure`,
  },
  {
    section: 'calls',
    title_ja: '非通知着信への対応',
    title_en: 'Calls with a withheld number',
    tags: ['非通知', '本人確認'],
    body_ja: '非通知の着信でも通常どおり応対する。折り返しが必要な場合は連絡先番号を伺う。本人確認の手順は通常と同じ。',
    body_en: 'Handle withheld-number calls as usual. Ask for a number if a call back is needed; verify the caller the same way.',
  },
  {
    section: 'system',
    title_ja: '応対記録の入力ルール',
    title_en: 'Rules for call notes',
    tags: ['応対記録', 'メモ'],
    body_ja: `通話終了後、後処理（ACW）の間に必ず入力する。

- 問い合わせ分類と対応結果を選ぶ
- メモは「お客様の用件 → 案内した内容 → 次のアクション」の順に書く
- カード番号・パスワードなどは**絶対に書かない**`,
    body_en: `Fill it in during after-call work, every time.

- Choose the inquiry category and the disposition
- Write notes as "customer's request → what you explained → next action"
- **Never** write card numbers or passwords`,
  },
  {
    section: 'system',
    title_ja: '顧客情報の登録と電話番号の形式',
    title_en: 'Registering customers and phone number formats',
    tags: ['顧客情報', '電話番号'],
    body_ja: '電話番号は 03-1234-5678、0312345678、+81 3-1234-5678 のどの形式でも登録できる。同じグループ内で同じ番号を2人のお客様に登録することはできない。',
    body_en: 'Numbers may be entered as 03-1234-5678, 0312345678 or +81 3-1234-5678. Within a group, one number cannot belong to two customers.',
  },
  {
    section: 'system',
    title_ja: '離席・休憩時のステータス',
    title_en: 'Agent status for breaks',
    tags: ['ステータス', '休憩'],
    body_ja: '席を離れる前に必ずステータスを「離席」にし、理由（休憩・研修・打ち合わせ）を選ぶ。戻ったら「受付可」に戻す。',
    body_en: 'Before leaving your desk, set your status to "Not ready" with a reason (break, training, meeting). Set it back to "Available" when you return.',
  },
  {
    section: 'system',
    title_ja: '通話が途中で切れた場合',
    title_en: 'If a call drops',
    tags: ['折り返し', '通話'],
    body_ja: '顧客情報に番号がある場合は、5分以内にこちらから折り返す。非通知の場合は折り返しができないため、応対記録にその旨を残す。',
    body_en: 'If the customer’s number is on record, call back within five minutes. A withheld number cannot be called back: note that in the call record.',
  },
];

/** An article withdrawn from search, kept for its history (archived in the demo). */
export const demoArchivedFaqArticle: DemoFaqArticle = {
  section: 'address',
  title_ja: '【旧】FAXでの住所変更受付',
  title_en: '[Old] Address changes by fax',
  tags: ['住所変更', 'FAX'],
  body_ja: 'FAXでの住所変更受付は終了しました。電話またはマイページでの手続きをご案内してください。',
  body_en: 'Address changes by fax are no longer accepted. Guide customers to the phone or My Page.',
};

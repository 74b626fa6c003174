import { randomUUID } from 'node:crypto';
import { faqArticles, faqArticleVersions, faqCategories } from '../db/schema';
import { allFaqFields } from '../domain/faq/faq-article';
import {
  faqSeedCategories,
  faqSeedTopics,
  type Bilingual,
  type FaqQuestionKind,
  type FaqSeedCategory,
  type FaqSeedCategoryKey,
  type FaqSeedTopic,
  type Trouble,
} from './data/faq-topics';
import type { ModuleSeed } from './demo-seed';

/** How many articles the demo tenant gets. */
export const faqSeedArticleCount = 200;

/** A generated article, before it has ids. */
export interface FaqSeedArticle {
  readonly category: FaqSeedCategoryKey;
  readonly kind: FaqQuestionKind;
  readonly titleJa: string;
  readonly bodyJa: string;
  readonly titleEn: string;
  readonly bodyEn: string;
  readonly tags: readonly string[];
}

/** Tag added to every article of a kind, so editors can filter manuals from answers. */
const kindTags: Readonly<Record<FaqQuestionKind, string>> = {
  how: '手順',
  documents: '必要書類',
  duration: '所要時間',
  fee: '手数料',
  channels: '窓口',
  proxy: '代理人',
  deadline: '期限',
  trouble: 'トラブル',
  guide: '応対マニュアル',
};

/** One of several phrasings, picked by position so neighbouring articles read differently. */
function variant<T>(choices: readonly T[], index: number): T {
  const choice = choices[index % choices.length];
  if (choice === undefined) throw new Error('no phrasing to choose from');
  return choice;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function numbered(items: readonly string[]): string {
  return items.map((item, index) => `${index + 1}. ${item}`).join('\n');
}

function bulleted(items: readonly string[]): string {
  return items.map((item) => `- ${item}`).join('\n');
}

/** Paragraphs joined as Markdown, blank ones left out. */
function paragraphs(...parts: (string | undefined | false)[]): string {
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join('\n\n');
}

/** Writes the articles of one topic, in both languages. */
class TopicWriter {
  private readonly s: Bilingual;

  constructor(
    private readonly topic: FaqSeedTopic,
    private readonly category: FaqSeedCategory,
    private readonly position: number,
  ) {
    this.s = topic.subject;
  }

  /** Every article the topic has facts for: one per question kind, one per known trouble. */
  articles(): FaqSeedArticle[] {
    const t = this.topic;
    const made: FaqSeedArticle[] = [];
    if (t.steps) made.push(this.how(t.steps));
    if (t.documents) made.push(this.documents(t.documents));
    if (t.duration) made.push(this.duration(t.duration));
    if (t.fee) made.push(this.fee(t.fee));
    if (t.channels) made.push(this.channels(t.channels));
    if (t.proxy) made.push(this.proxy(t.proxy));
    if (t.deadline) made.push(this.deadline(t.deadline));
    for (const trouble of t.troubles ?? []) made.push(this.trouble(trouble));
    made.push(this.guide());
    return made;
  }

  private article(kind: FaqQuestionKind, title: Bilingual, bodyJa: string, bodyEn: string): FaqSeedArticle {
    const own = this.topic.titles?.[kind] ?? title;
    // Call guides speak to the agent; every other article ends with where callers can ask more.
    const contact = kind === 'guide' ? undefined : this.category.contact;
    return {
      category: this.topic.category,
      kind,
      titleJa: own.ja,
      titleEn: own.en,
      bodyJa: paragraphs(bodyJa, contact?.ja),
      bodyEn: paragraphs(bodyEn, contact?.en),
      tags: [...new Set([...this.topic.tags, kindTags[kind]])],
    };
  }

  private how(steps: readonly Bilingual[]): FaqSeedArticle {
    const { s, topic, position } = this;
    const intro = variant(
      [
        { ja: `${s.ja}は、次の手順で行えます。`, en: `Follow these steps for ${s.en}:` },
        { ja: `${s.ja}の流れは次のとおりです。`, en: `${capitalised(s.en)} goes like this:` },
        { ja: `${s.ja}は、以下の順にお進みください。`, en: `Here is how ${s.en} works:` },
      ],
      position,
    );
    const related = topic.documents ? { ja: `必要なものは「${s.ja}に必要なものは何ですか」をご覧ください。`, en: `For what to bring, see “What do I need for ${s.en}?”.` } : undefined;
    return this.article(
      'how',
      { ja: `${s.ja}の手順を教えてください`, en: `What are the steps for ${s.en}?` },
      paragraphs(intro.ja, numbered(steps.map((step) => step.ja)), topic.note && `**ご注意:** ${topic.note.ja}`, related?.ja),
      paragraphs(intro.en, numbered(steps.map((step) => step.en)), topic.note && `**Note:** ${topic.note.en}`, related?.en),
    );
  }

  private documents(documents: readonly Bilingual[]): FaqSeedArticle {
    const { s, topic, position } = this;
    const intro = variant(
      [
        { ja: `${s.ja}には、次のものをご用意ください。`, en: `For ${s.en}, please have the following ready:` },
        { ja: `${s.ja}の際は、以下をお持ちください。`, en: `Bring the following for ${s.en}:` },
      ],
      position,
    );
    return this.article(
      'documents',
      { ja: `${s.ja}に必要なものは何ですか`, en: `What do I need for ${s.en}?` },
      paragraphs(intro.ja, bulleted(documents.map((item) => item.ja)), topic.proxy && `**代理の方が手続きする場合:** ${topic.proxy.ja}`),
      paragraphs(intro.en, bulleted(documents.map((item) => item.en)), topic.proxy && `**If someone else does it for you:** ${topic.proxy.en}`),
    );
  }

  private duration(duration: Bilingual): FaqSeedArticle {
    const { s, topic, position } = this;
    const intro = variant(
      [
        { ja: `${s.ja}にかかる時間の目安をご案内します。`, en: `How long ${s.en} takes, as a rule of thumb:` },
        { ja: `${s.ja}の所要時間についてのご案内です。`, en: `About the time needed for ${s.en}:` },
      ],
      position,
    );
    return this.article(
      'duration',
      { ja: `${s.ja}にはどのくらい時間がかかりますか`, en: `How long does ${s.en} take?` },
      paragraphs(intro.ja, `**${duration.ja}**`, '時期や混雑状況により前後することがあります。', topic.deadline && `なお、${topic.deadline.ja}`),
      paragraphs(intro.en, `**${duration.en}**`, 'It can vary with the season and how busy we are.', topic.deadline && `Please also note: ${topic.deadline.en}`),
    );
  }

  private fee(fee: Bilingual): FaqSeedArticle {
    const { s, position } = this;
    const intro = variant(
      [
        { ja: `${s.ja}の費用についてご案内します。`, en: `About the cost of ${s.en}:` },
        { ja: `${s.ja}の手数料は次のとおりです。`, en: `Fees for ${s.en}:` },
      ],
      position,
    );
    return this.article(
      'fee',
      { ja: `${s.ja}に手数料はかかりますか`, en: `Is there a fee for ${s.en}?` },
      paragraphs(intro.ja, fee.ja, '料金は改定されることがあります。最新の金額は公式サイトでご確認ください。'),
      paragraphs(intro.en, fee.en, 'Fees may be revised; the website always shows the current amounts.'),
    );
  }

  private channels(channels: readonly Bilingual[]): FaqSeedArticle {
    const { s, topic } = this;
    return this.article(
      'channels',
      { ja: `${s.ja}はどこで受け付けていますか`, en: `Where can I take care of ${s.en}?` },
      paragraphs(`${s.ja}についてのご案内です。`, bulleted(channels.map((channel) => channel.ja)), topic.note?.ja),
      paragraphs(`About ${s.en}:`, bulleted(channels.map((channel) => channel.en)), topic.note?.en),
    );
  }

  private proxy(proxy: Bilingual): FaqSeedArticle {
    const { s } = this;
    return this.article(
      'proxy',
      { ja: `${s.ja}を家族が代わりに行うことはできますか`, en: `Can a family member handle ${s.en} for me?` },
      paragraphs(`${s.ja}を、ご本人以外の方が行う場合のご案内です。`, proxy.ja, '委任状の様式は、公式サイトからダウンロードできます。'),
      paragraphs(`When someone other than you handles ${s.en}:`, proxy.en, 'The letter of attorney form can be downloaded from our website.'),
    );
  }

  private deadline(deadline: Bilingual): FaqSeedArticle {
    const { s, topic } = this;
    return this.article(
      'deadline',
      { ja: `${s.ja}に期限はありますか`, en: `Is there a deadline for ${s.en}?` },
      paragraphs(`**${deadline.ja}**`, topic.duration && `手続きには時間がかかります（${topic.duration.ja.replace(/。$/u, '')}）。余裕をもってお申し込みください。`),
      paragraphs(`**${deadline.en}**`, topic.duration && `Allow time: ${topic.duration.en}`),
    );
  }

  private trouble(trouble: Trouble): FaqSeedArticle {
    const { s, topic } = this;
    return this.article(
      'trouble',
      { ja: `${trouble.problem.ja}ときは（${s.ja}）`, en: `${trouble.problem.en}: what to do` },
      paragraphs(trouble.fix.ja, topic.steps && `### ${s.ja}の手順のおさらい\n\n${numbered(topic.steps.map((step) => step.ja))}`),
      paragraphs(trouble.fix.en, topic.steps && `### The steps for ${s.en} again\n\n${numbered(topic.steps.map((step) => step.en))}`),
    );
  }

  private guide(): FaqSeedArticle {
    const { s, topic, category } = this;
    const escalation = topic.escalation ?? category.escalation;
    const problems = topic.troubles ?? [];
    return this.article(
      'guide',
      { ja: `【応対マニュアル】${s.ja}のお問い合わせ`, en: `Call guide: inquiries about ${s.en}` },
      paragraphs(
        `## 対象\n\n${s.ja}に関するお問い合わせ`,
        `## 応対の流れ\n\n${numbered([
          '名乗りのあと、ご用件を伺います。',
          `${category.verify.ja}で、ご本人であることを確認します。`,
          'FAQの該当記事をもとにご案内します。',
          'ご案内した内容を復唱し、ほかにご不明な点がないか伺います。',
        ])}`,
        problems.length > 0 && `## よくあるお困りごと\n\n${bulleted(problems.map((p) => `${p.problem.ja}: ${p.fix.ja}`))}`,
        `## 注意点\n\n${bulleted([category.caution.ja, escalation.ja])}`,
        `## 応対記録\n\n問い合わせ分類「${category.name.ja}」を選び、ご案内した内容をメモに残してください。`,
      ),
      paragraphs(
        `## Scope\n\nCalls about ${s.en}`,
        `## Flow\n\n${numbered([
          'Introduce yourself and ask what the call is about.',
          `Verify the caller: ${category.verify.en}.`,
          'Answer from the matching FAQ article.',
          'Repeat what you explained and ask whether anything else is unclear.',
        ])}`,
        problems.length > 0 && `## Common problems\n\n${bulleted(problems.map((p) => `${p.problem.en}: ${p.fix.en}`))}`,
        `## Take care\n\n${bulleted([category.caution.en, escalation.en])}`,
        `## Call record\n\nFile the call under the inquiry category “${category.name.en}” and note what you explained.`,
      ),
    );
  }
}

/** Kinds whose articles may be left out to reach the wanted count: nothing refers to them. */
const optionalKinds: ReadonlySet<FaqQuestionKind> = new Set(['duration', 'fee', 'channels', 'proxy']);

/**
 * The demo FAQ: every topic's articles, less surplus articles of the optional kinds taken
 * evenly from the whole list, so every topic keeps its steps, troubles and call guide.
 * @remarks Deterministic: the same articles in the same order on every run.
 */
export function buildFaqSeedArticles(count: number = faqSeedArticleCount): FaqSeedArticle[] {
  const categoryOf = new Map(faqSeedCategories.map((category) => [category.key, category]));
  const all = faqSeedTopics.flatMap((topic, position) => {
    const category = categoryOf.get(topic.category);
    if (!category) throw new Error(`FAQ seed topic ${topic.subject.en} has no category ${topic.category}`);
    return new TopicWriter(topic, category, position).articles();
  });
  const optional = all.filter((article) => optionalKinds.has(article.kind));
  const surplus = all.length - count;
  if (surplus < 0 || surplus > optional.length) throw new Error(`the FAQ seed data makes ${all.length} articles, cannot make ${count}`);
  // The first of each of `surplus` equal slices of the optional articles goes.
  const dropped = new Set(optional.filter((_, index) => Math.floor((index * surplus) / optional.length) !== Math.floor(((index - 1) * surplus) / optional.length)));
  const picked = all.filter((article) => !dropped.has(article));
  const titles = new Set(picked.map((article) => article.titleJa));
  if (titles.size !== picked.length) throw new Error('the FAQ seed repeats a title');
  return picked;
}

/** How much demo FAQ to make. */
export interface FaqSeedOptions {
  /** Articles to generate; 200 unless given. */
  readonly articles?: number;
}

/**
 * Demo FAQ for the demo tenant: the categories and the articles, each with its first version
 * by the administrator, in three bulk inserts in one transaction.
 */
export function faqSeed(options: FaqSeedOptions = {}): ModuleSeed {
  return async (db, context) => {
    const author = context.userIds.admin ?? null;
    const categoryIds = new Map(faqSeedCategories.map((category) => [category.key, randomUUID()]));
    const now = Date.now();
    const articles = buildFaqSeedArticles(options.articles).map((article, index) => {
      // Spread over the last half year, so "recently updated" orders are meaningful.
      const at = new Date(now - ((index * 37) % 180) * 86_400_000 - index * 60_000);
      return {
        id: randomUUID(),
        tenantId: context.tenantId,
        categoryId: categoryIds.get(article.category) ?? '',
        titleJa: article.titleJa,
        bodyJa: article.bodyJa,
        titleEn: article.titleEn,
        bodyEn: article.bodyEn,
        tags: [...article.tags],
        archived: false,
        version: 1,
        updatedBy: author,
        updatedAt: at,
        createdAt: at,
      };
    });
    await db.transaction(async (tx) => {
      await tx.insert(faqCategories).values(
        faqSeedCategories.map((category, index) => ({
          id: categoryIds.get(category.key) ?? '',
          tenantId: context.tenantId,
          nameJa: category.name.ja,
          nameEn: category.name.en,
          sortOrder: (index + 1) * 10,
        })),
      );
      await tx.insert(faqArticles).values(articles);
      await tx.insert(faqArticleVersions).values(
        articles.map((article) => ({
          articleId: article.id,
          tenantId: article.tenantId,
          version: 1,
          categoryId: article.categoryId,
          titleJa: article.titleJa,
          bodyJa: article.bodyJa,
          titleEn: article.titleEn,
          bodyEn: article.bodyEn,
          tags: article.tags,
          archived: false,
          changedBy: author,
          changedAt: article.createdAt,
          changedFields: [...allFaqFields],
          changeSummary: '',
        })),
      );
    });
  };
}

import { describe, expect, it } from 'vitest';
import { callRecordSchema } from '../../contract/call-records';
import { customerSchema } from '../../contract/customers';
import { faqArticleDetailSchema, faqArticleVersionSchema } from '../../contract/faq';
import { foldCallTimeline } from '../../contract/call-timeline';
import { buildDemoCallRecords } from './demo-call-records';
import { buildDemoCustomers } from './demo-customers';
import { demoAccounts } from './demo-directory';
import { buildDemoFaq } from './demo-faq';
import { mockCallRecords } from './mock-call-records';
import { mockCustomers } from './mock-customers';
import { articleDetail } from './mock-faq';

const now = Date.parse('2026-04-08T12:00:00+09:00');

describe('demo data of the mock service', () => {
  it('is the same on every build, apart from dates that follow the clock', () => {
    expect(buildDemoCustomers(now)).toEqual(buildDemoCustomers(now));
    expect(buildDemoCallRecords(buildDemoCustomers(now), now)).toEqual(buildDemoCallRecords(buildDemoCustomers(now), now));
    expect(buildDemoFaq(now)).toEqual(buildDemoFaq(now));
    const later = now + 3 * 24 * 3600_000;
    expect(buildDemoCustomers(later).map((customer) => [customer.id, customer.name, customer.phones])).toEqual(buildDemoCustomers(now).map((customer) => [customer.id, customer.name, customer.phones]));
  });

  it('has a few dozen Japanese customers with unique valid numbers per group, every one fit for the contract', () => {
    const customers = buildDemoCustomers(now);
    expect(customers.length).toBeGreaterThanOrEqual(36);
    for (const customer of customers) {
      expect(customerSchema.safeParse(mockCustomers.toDto(customer)).success, customer.name).toBe(true);
      expect(customer.nameKana).toMatch(/^[\u30a1-\u30fc ]+$/u);
      expect(customer.createdAt).toBeLessThan(now);
    }
    const numbers = customers.flatMap((customer) => customer.phones.map((phone) => `${customer.groupId} ${phone.e164}`));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('has ten calls per agent on past weekdays, each record folded from its own events and linked within its group', () => {
    const customers = buildDemoCustomers(now);
    const { records, events, categories, dispositions } = buildDemoCallRecords(customers, now);
    expect(records).toHaveLength(60);
    expect(new Set(records.map((record) => record.sipCallId)).size).toBe(60);
    for (const record of records) {
      expect(callRecordSchema.safeParse(mockCallRecords.toDto(record)).success, record.id).toBe(true);
      expect(record.startedAt).toBeLessThan(Date.parse('2026-04-08T00:00:00+09:00'));
      expect(new Date(record.startedAt + 9 * 3600_000).getUTCDay()).not.toBe(0);
      expect(foldCallTimeline(events.filter((event) => event.callRecordId === record.id), record.agentId, record.direction)).toMatchObject({ phase: record.phase, endReason: record.endReason });
      const agent = demoAccounts.find((account) => account.id === record.agentId);
      expect(agent?.groupIds).toContain(record.groupId);
      const customer = customers.find((candidate) => candidate.id === record.customerId);
      if (customer) {
        expect(customer.groupId).toBe(record.groupId);
        expect(customer.phones.map((phone) => phone.e164)).toContain(record.remoteNumber);
      }
      if (record.categoryId) expect(categories.find((code) => code.id === record.categoryId)?.active).toBe(true);
      if (record.dispositionId) expect(dispositions.map((code) => code.id)).toContain(record.dispositionId);
    }
    const reasons = new Set(records.map((record) => record.endReason));
    expect(reasons).toContain('completed');
    expect(records.some((record) => record.remoteNumber === null)).toBe(true);
    expect(records.some((record) => record.heldSeconds > 0)).toBe(true);
  });

  it('has an FAQ of a few dozen articles in both languages with their histories, every one fit for the contract', () => {
    const { categories, articles, versions } = buildDemoFaq(now);
    expect(articles.length).toBeGreaterThanOrEqual(30);
    expect(articles.filter((article) => article.title_en === '').length).toBeGreaterThan(0);
    expect(articles.filter((article) => article.archived)).toHaveLength(1);
    for (const article of articles) {
      expect(faqArticleDetailSchema.safeParse(articleDetail(article)).success, article.title_ja).toBe(true);
      expect(article.updatedAt).toBeLessThan(now);
      const history = versions.filter((version) => version.articleId === article.id);
      expect(history.map((version) => version.version).sort((a, b) => a - b)).toEqual(Array.from({ length: article.version }, (_, index) => index + 1));
      expect(categories.map((category) => category.id)).toContain(article.categoryId);
    }
    expect(versions.every((version) => faqArticleVersionSchema.safeParse({ ...version, changedAt: new Date(version.changedAt).toISOString(), changedByName: null, tags: [...version.tags], changedFields: [...version.changedFields] }).success)).toBe(true);
  });
});

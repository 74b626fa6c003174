/**
 * Holds a sample of the loaded rows against the service's own normalisation, so the fixture
 * cannot quietly drift from what the service writes: numbers in E.164 as `parsePhoneNumber`
 * and `readCallParty` give them, labels as the service labels a mobile, フリガナ as
 * `toKatakana` stores it, tags as `cleanFaqTags` keeps them, and each call record's times as
 * `deriveCallTimeline` derives them from the call's events.
 */
import type pg from 'pg';
import { readCallParty } from '../../server/src/domain/call-records/call-party';
import { deriveCallTimeline, type CallEvent } from '../../server/src/domain/call-records/call-timeline';
import { toKatakana } from '../../server/src/domain/customers/kana';
import { parsePhoneNumber } from '../../server/src/domain/customers/phone-number';
import { cleanFaqTags } from '../../server/src/domain/faq/faq-article';

const SAMPLE = 2000;

interface PhoneRow {
  e164: string;
  label: string;
}

interface CustomerRow {
  name: string;
  name_kana: string | null;
}

interface RecordRow {
  id: string;
  agent_id: string | null;
  direction: 'inbound' | 'outbound';
  remote_number: string | null;
  phase: string;
  started_at: Date;
  offered_at: Date | null;
  answered_at: Date | null;
  ended_at: Date | null;
  held_seconds: number;
  duration_seconds: number | null;
  end_reason: string | null;
}

interface ArticleRow {
  id: string;
  tags: string[];
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return a === null ? b === null : b !== null && a.getTime() === b.getTime();
}

/** The events a softphone would have sent for `row`: offered, answered, held and resumed, ended. */
function eventsOf(row: RecordRow): CallEvent[] {
  const events: CallEvent[] = [{ phase: 'offered', at: row.started_at, agentId: row.agent_id }];
  if (row.answered_at) {
    events.push({ phase: 'answered', at: row.answered_at, agentId: row.agent_id });
    if (row.held_seconds > 0) {
      const held = new Date(row.answered_at.getTime() + 1000);
      events.push({ phase: 'held', at: held, agentId: row.agent_id });
      events.push({ phase: 'resumed', at: new Date(held.getTime() + row.held_seconds * 1000), agentId: row.agent_id });
    }
  }
  if (row.ended_at) events.push({ phase: 'ended', at: row.ended_at, agentId: row.agent_id });
  return events;
}

/**
 * @returns one line per kind of mismatch (with an example); empty when the sample agrees.
 */
export async function checkFixture(client: pg.Client): Promise<string[]> {
  const problems: string[] = [];
  const report = (what: string, example: unknown) => {
    if (!problems.some((line) => line.startsWith(what))) problems.push(`${what}: ${JSON.stringify(example)}`);
  };

  const phones = await client.query<PhoneRow>(`select e164, label from customer_phones order by hashtext(e164) limit ${SAMPLE}`);
  for (const row of phones.rows) {
    const parsed = parsePhoneNumber(row.e164);
    if (parsed?.e164 !== row.e164) report('customer number not in E.164 as parsePhoneNumber gives it', row);
    else if (parsed.mobile !== (row.label === 'mobile')) report('customer number labelled unlike the service (mobile or not)', row);
  }

  const customers = await client.query<CustomerRow>(`select name, name_kana from customers order by hashtext(id::text) limit ${SAMPLE}`);
  for (const row of customers.rows) {
    if (row.name !== row.name.trim()) report('customer name not trimmed', row);
    if (row.name_kana !== null && row.name_kana !== toKatakana(row.name_kana).replace(/\s+/gu, ' ')) report('フリガナ not as toKatakana stores it', row);
  }

  const records = await client.query<RecordRow>(
    `select id::text, agent_id::text, direction, remote_number, phase, started_at, offered_at, answered_at, ended_at,
            held_seconds, duration_seconds, end_reason
       from call_records order by hashtext(sip_call_id) limit ${SAMPLE}`,
  );
  for (const row of records.rows) {
    if (row.remote_number !== null && readCallParty(row.remote_number)?.value !== row.remote_number) report('remote number not as readCallParty keeps it', row.remote_number);
    const t = deriveCallTimeline(eventsOf(row), row.agent_id, row.direction);
    const agrees =
      t.phase === row.phase &&
      sameInstant(t.startedAt, row.started_at) &&
      sameInstant(t.offeredAt, row.offered_at) &&
      sameInstant(t.answeredAt, row.answered_at) &&
      sameInstant(t.endedAt, row.ended_at) &&
      t.heldSeconds === row.held_seconds &&
      t.durationSeconds === row.duration_seconds &&
      t.endReason === row.end_reason;
    if (!agrees) report('call record times unlike deriveCallTimeline', { row, derived: t });
  }

  const articles = await client.query<ArticleRow>(`select id::text, tags from faq_articles order by hashtext(id::text) limit ${SAMPLE}`);
  for (const row of articles.rows) {
    const clean = cleanFaqTags(row.tags);
    if (clean.length !== row.tags.length || clean.some((tag, index) => tag !== row.tags[index])) report('FAQ tags unlike cleanFaqTags', row);
  }
  return problems;
}

import type { CallDirection } from '../../contract/call-records';
import { foldCallTimeline } from '../../contract/call-timeline';
import { demoCallBackDispositionId, demoCallCategories, demoDispositions } from './demo-call-codes';
import { demoCustomerIds } from './demo-customers';
import { demoAccounts, demoGroupIds } from './demo-directory';
import type { MockCallRecord, MockCallRecordData, MockStoredCallEvent } from './mock-call-records';
import type { MockCustomer } from './mock-customers';
import { parsePhoneNumber } from './phone-numbers';
import { demoId, SeededRandom } from './seeded-random';
import { startOfTokyoDay, tokyoDay } from './tokyo-time';

/** Each group's queue and the centre's number its calls come in on and go out from. */
const lines: Readonly<Record<string, { readonly queue: string; readonly number: string }>> = {
  [demoGroupIds.tokyo]: { queue: '東京窓口', number: '03-6700-1000' },
  [demoGroupIds.osaka]: { queue: '大阪サポート', number: '06-6300-1000' },
};

/** Calls each demo agent had over the last {@link weekdays} weekdays. */
const callsPerAgent = 10;
const weekdays = 10;
const dayMs = 24 * 3600_000;

/**
 * The demo's call records: ten calls per demo agent over the last ten weekdays (today left
 * out, so none lies ahead of the clock), 9:00–17:30 Tokyo, mostly inbound from customers of
 * the agent's group (every fourth from one of the named regulars), with some unknown and
 * withheld numbers, holds, a few transfers, abandoned and unanswered calls; answered calls
 * carry a category, Japanese notes and a disposition, as an agent saved them once (version 2).
 * @remarks Each record is folded from its own events, exactly as the mock folds filed events,
 * so events filed later on a demo call behave like on a real one. Deterministic apart from
 * the dates, which follow `now`.
 */
export function buildDemoCallRecords(customers: readonly MockCustomer[], now: number): MockCallRecordData {
  const random = new SeededRandom(20_260_402);
  const days = previousWeekdays(now, weekdays);
  const activeCategories = demoCallCategories.filter((category) => category.active);
  const records: MockCallRecord[] = [];
  const events: MockStoredCallEvent[] = [];
  let n = 0;

  for (const agent of demoAccounts.filter((account) => account.role === 'agent')) {
    const groupId = agent.groupIds[0];
    const line = groupId === undefined ? undefined : lines[groupId];
    if (groupId === undefined || line === undefined) continue;
    const localNumber = e164Of(line.number);
    const known = customers.filter((customer) => customer.groupId === groupId && customer.phones.length > 0);
    const regulars = known.filter((customer) => Object.values<string>(demoCustomerIds).includes(customer.id));
    const colleagues = demoAccounts.filter((account) => account.role === 'agent' && account.id !== agent.id && account.groupIds.includes(groupId));

    for (let call = 0; call < callsPerAgent; call += 1) {
      n += 1;
      const id = demoId('ca11', n);
      // A few callers withhold their number (非通知), so the demo shows what that looks like.
      const alwaysWithheld = n % 20 === 7;
      const direction: CallDirection = alwaysWithheld || random.chance(0.75) ? 'inbound' : 'outbound';
      const withheld = alwaysWithheld || (direction === 'inbound' && random.chance(0.03));
      // Every few calls come from a regular (the named demo customers), so their screen pop has a history.
      const regular = call % 4 === 0 ? regulars[(call / 4 + n) % regulars.length] : undefined;
      const customer = regular ?? (!withheld && known.length > 0 && random.chance(0.8) ? random.pick(known) : undefined);
      const remoteNumber = regular ? (regular.phones[0]?.e164 ?? null) : withheld ? null : customer ? random.pick(customer.phones).e164 : unknownMobile(random);
      const offeredAt = random.pick(days) + (9 * 60 + random.int(0, 510)) * 60_000 + random.int(0, 59) * 1000;
      const answered = direction === 'inbound' ? !random.chance(0.07) : !random.chance(0.15);
      const answeredAt = offeredAt + random.int(3, 20) * 1000;
      const talkMs = random.int(40, 600) * 1000;
      const endedAt = answered ? answeredAt + talkMs : answeredAt;

      const event = (phase: MockStoredCallEvent['phase'], at: number, extra: Partial<MockStoredCallEvent> = {}) =>
        events.push({ callRecordId: id, phase, at, agentId: agent.id, endReason: null, transferredTo: null, linkedSipCallId: null, ...extra });
      event('offered', offeredAt);
      if (answered) {
        event('answered', answeredAt);
        if (random.chance(0.25)) {
          const heldAt = answeredAt + Math.floor(talkMs / 3);
          event('held', heldAt);
          event('resumed', heldAt + random.int(15, Math.min(120, Math.floor(talkMs / 3000))) * 1000);
        }
        const colleague = colleagues.length > 0 ? random.pick(colleagues) : undefined;
        if (direction === 'inbound' && colleague?.sipUser && random.chance(0.08)) event('transferred', endedAt - 1000, { transferredTo: colleague.sipUser });
      }
      event('ended', endedAt);

      const timeline = foldCallTimeline(
        events.filter((known) => known.callRecordId === id),
        agent.id,
        direction,
      );
      const category = answered ? random.pick(activeCategories) : undefined;
      const disposition = category ? random.pick(demoDispositions) : undefined;
      records.push({
        id,
        sipCallId: `demo-${agent.username}-${String(call + 1).padStart(2, '0')}@calls.tsunagu.invalid`,
        groupId,
        agentId: agent.id,
        direction,
        remoteNumber,
        localNumber,
        customerId: customer?.id ?? null,
        queue: direction === 'inbound' ? line.queue : null,
        ...timeline,
        linkedCallId: null,
        recordingRef: answered ? `rec-${tokyoDay(offeredAt).replaceAll('-', '')}-${agent.username}-${String(call + 1).padStart(2, '0')}` : null,
        categoryId: category?.id ?? null,
        notes: category ? `${direction === 'outbound' ? '前回のお問い合わせへの折り返し。' : ''}${random.pick(category.sampleNotes)}` : '',
        dispositionId: disposition?.id ?? null,
        followUpAt: disposition?.id === demoCallBackDispositionId ? tokyoDay(endedAt + dayMs) : null,
        version: category ? 2 : 1,
        createdAt: offeredAt,
        updatedAt: category ? endedAt + 120_000 : endedAt,
      });
    }
  }
  return { categories: demoCallCategories.map(({ sampleNotes: _notes, ...code }) => code), dispositions: demoDispositions, records, events };
}

/** 00:00 Tokyo of each of the `count` weekdays before today. */
function previousWeekdays(now: number, count: number): number[] {
  const days: number[] = [];
  for (let day = startOfTokyoDay(tokyoDay(now)) - dayMs; days.length < count; day -= dayMs) {
    // Shifted by nine hours, the UTC weekday is Tokyo's.
    const weekday = new Date(day + 9 * 3600_000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}

function unknownMobile(random: SeededRandom): string {
  for (;;) {
    const parsed = parsePhoneNumber(`${random.pick(['090', '080', '070'])}${random.int(1, 9)}${random.digits(7)}`);
    if (parsed) return parsed.e164;
  }
}

function e164Of(number: string): string {
  const parsed = parsePhoneNumber(number);
  if (!parsed) throw new Error(`demo number ${number} is not valid`);
  return parsed.e164;
}

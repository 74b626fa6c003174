import { http, HttpResponse } from 'msw';
import { z } from 'zod';
import {
  callCodeListSchema,
  callEventRequestSchema,
  callEventResultSchema,
  callRecordExportQuerySchema,
  callRecordPageSchema,
  callRecordPatchSchema,
  callRecordSchema,
  callRecordSearchQuerySchema,
  sipCallIdSchema,
} from '../../contract/call-records';
import { idSchema } from '../../contract/common';
import { mockCallRecords } from './mock-call-records';
import { auditBy } from './mock-audit';
import { mockDatabase } from './mock-database';
import { contractResponse, readBody, readParams, readQuery, signedInSession } from './mock-http';
import { answerRefusals } from './mock-refusal';
import { tokyoDay } from './tokyo-time';

const recordParams = z.object({ id: idSchema });
const callParams = z.object({ sipCallId: sipCallIdSchema });

/**
 * `/api/call-records/*`: call events by SIP Call-ID and side (idempotent, published live), the
 * agent's part with 409 on a stale version, search by cursor, CSV export and the codes, each
 * read and change audited, every group seeing only its own records.
 */
export const callRecordHandlers = [
  http.put('/api/call-records/by-call-id/:sipCallId/events', async ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const param = readParams(params, callParams);
    if (!param.ok) return param.response;
    const body = await readBody(request, callEventRequestSchema);
    if (!body.ok) return body.response;
    const { account } = signedIn;
    return answerRefusals('body', () => {
      const { record, changed, created } = mockCallRecords.fileEvent(account, param.value.sipCallId, body.value, mockDatabase.now());
      if (changed) {
        auditBy(account, created ? 'create' : 'update', 'call-record', record.id, { sipCallId: record.sipCallId, phase: body.value.phase, at: new Date(body.value.at).toISOString() });
        mockDatabase.publish({
          type: 'call',
          at: new Date(body.value.at).toISOString(),
          sipCallId: record.sipCallId,
          agentId: record.agentId,
          groupId: record.groupId,
          phase: record.phase,
          direction: record.direction,
          remoteNumber: record.remoteNumber,
          queue: record.queue,
        });
      }
      return contractResponse(callEventResultSchema, { callRecordId: record.id, version: record.version, phase: record.phase, changed }, { status: created ? 201 : 200 });
    });
  }),

  http.get('/api/call-records/categories', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    return contractResponse(callCodeListSchema, { items: [...mockCallRecords.listCategories()] });
  }),

  http.get('/api/call-records/dispositions', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    return contractResponse(callCodeListSchema, { items: [...mockCallRecords.listDispositions()] });
  }),

  http.get('/api/call-records/export.csv', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const query = readQuery(request, callRecordExportQuerySchema);
    if (!query.ok) return query.response;
    const { lang, ...filter } = query.value;
    return answerRefusals('querystring', () => {
      const csv = mockCallRecords.exportCsv(signedIn.account, filter, lang);
      auditBy(signedIn.account, 'export', 'call-record', null, { filters: filter, lang });
      const name = `call-records-${tokyoDay(mockDatabase.now()).replaceAll('-', '')}.csv`;
      return new HttpResponse(csv, {
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store' },
      });
    });
  }),

  http.get('/api/call-records', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const query = readQuery(request, callRecordSearchQuerySchema);
    if (!query.ok) return query.response;
    const { cursor, limit, ...filter } = query.value;
    return answerRefusals('querystring', () => {
      const page = mockCallRecords.search(signedIn.account, filter, cursor, limit);
      auditBy(signedIn.account, 'search', 'call-record', null, { filters: filter, count: page.items.length, ids: page.items.map((record) => record.id) });
      return contractResponse(callRecordPageSchema, { items: page.items.map((record) => mockCallRecords.toDto(record)), nextCursor: page.nextCursor });
    });
  }),

  http.get('/api/call-records/:id', ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const param = readParams(params, recordParams);
    if (!param.ok) return param.response;
    return answerRefusals('querystring', () => {
      const record = mockCallRecords.readable(signedIn.account, param.value.id);
      auditBy(signedIn.account, 'read', 'call-record', record.id);
      return contractResponse(callRecordSchema, mockCallRecords.toDto(record));
    });
  }),

  http.patch('/api/call-records/:id', async ({ request, cookies, params }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    const param = readParams(params, recordParams);
    if (!param.ok) return param.response;
    const body = await readBody(request, callRecordPatchSchema);
    if (!body.ok) return body.response;
    return answerRefusals('body', () => {
      const before = mockCallRecords.readable(signedIn.account, param.value.id);
      const saved = mockCallRecords.update(signedIn.account, param.value.id, body.value, mockDatabase.now());
      auditBy(signedIn.account, 'update', 'call-record', saved.id, { changed: saved === before ? [] : changedKeys(before, saved), version: saved.version });
      return contractResponse(callRecordSchema, mockCallRecords.toDto(saved));
    });
  }),
];

function changedKeys<T extends object>(before: T, after: T): string[] {
  return (Object.keys(after) as (keyof T & string)[]).filter((key) => key !== 'version' && key !== 'updatedAt' && before[key] !== after[key]);
}

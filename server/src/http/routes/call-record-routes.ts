import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
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
  type CallRecordDto,
} from '../../../../src/contract/call-records';
import { idSchema } from '../../../../src/contract/common';
import { errorResponseSchema } from '../../../../src/contract/errors';
import type { CallRecord } from '../../domain/call-records/call-record';
import { tokyoDay } from '../../domain/call-records/tokyo-time';
import type { AppDependencies } from '../app';
import { originOf, requireActor } from '../request-context';
import { withFieldsIn } from './field-location';

/** A call record as the contract shows it. */
export function callRecordDto(record: CallRecord): CallRecordDto {
  const { tenantId: _tenant, ...shown } = record;
  return {
    ...shown,
    startedAt: record.startedAt.toISOString(),
    offeredAt: record.offeredAt?.toISOString() ?? null,
    answeredAt: record.answeredAt?.toISOString() ?? null,
    endedAt: record.endedAt?.toISOString() ?? null,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };

/** Call records (応対記録): call events from softphones, the agent's part, search, CSV export, codes. */
export function callRecordRoutes(deps: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      '/api/call-records/by-call-id/:sipCallId/events',
      {
        schema: {
          tags: ['call-records'],
          summary: 'File a call event of my side of a call (idempotent; creates that side’s record on the first)',
          params: z.object({ sipCallId: sipCallIdSchema }),
          body: callEventRequestSchema,
          response: { 200: callEventResultSchema, 201: callEventResultSchema, ...errors },
        },
      },
      async (request, reply) => {
        const outcome = await withFieldsIn('body', () => deps.callRecords.fileEvent(requireActor(request), originOf(request), request.params.sipCallId, request.body));
        const { created, ...result } = outcome;
        return reply.status(created ? 201 : 200).send(result);
      },
    );

    app.get(
      '/api/call-records/categories',
      { schema: { tags: ['call-records'], summary: 'Inquiry categories (問い合わせ分類) of my tenant', response: { 200: callCodeListSchema, 401: errorResponseSchema } } },
      async (request) => ({ items: await deps.callRecords.categories(requireActor(request)) }),
    );

    app.get(
      '/api/call-records/dispositions',
      { schema: { tags: ['call-records'], summary: 'Dispositions (対応結果) of my tenant', response: { 200: callCodeListSchema, 401: errorResponseSchema } } },
      async (request) => ({ items: await deps.callRecords.dispositions(requireActor(request)) }),
    );

    app.get(
      '/api/call-records/export.csv',
      {
        schema: {
          tags: ['call-records'],
          summary: 'Export the records of my groups as CSV for Excel (UTF-8 with BOM, Asia/Tokyo times)',
          querystring: callRecordExportQuerySchema,
          produces: ['text/csv'],
        },
      },
      async (request, reply) => {
        const { lang, ...filter } = request.query;
        const lines = await withFieldsIn('querystring', () => deps.callRecords.export(requireActor(request), originOf(request), filter, lang));
        const name = `call-records-${tokyoDay(deps.clock()).replaceAll('-', '')}.csv`;
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'no-store')
          .send(Readable.from(lines));
      },
    );

    app.get(
      '/api/call-records',
      {
        schema: {
          tags: ['call-records'],
          summary: 'Search the records of my groups, newest first',
          querystring: callRecordSearchQuerySchema,
          response: { 200: callRecordPageSchema, ...errors },
        },
      },
      async (request) => {
        const page = await withFieldsIn('querystring', () => deps.callRecords.search(requireActor(request), originOf(request), request.query));
        return { items: page.items.map(callRecordDto), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/api/call-records/:id',
      {
        schema: {
          tags: ['call-records'],
          summary: 'A call record of my groups',
          params: z.object({ id: idSchema }),
          response: { 200: callRecordSchema, ...errors },
        },
      },
      async (request) => callRecordDto(await deps.callRecords.get(requireActor(request), originOf(request), request.params.id)),
    );

    app.patch(
      '/api/call-records/:id',
      {
        schema: {
          tags: ['call-records'],
          summary: "Save the agent's part (category, notes, disposition, follow-up, customer); 409 on a stale version",
          params: z.object({ id: idSchema }),
          body: callRecordPatchSchema,
          response: { 200: callRecordSchema, 409: errorResponseSchema, ...errors },
        },
      },
      async (request) => {
        const record = await withFieldsIn('body', () => deps.callRecords.update(requireActor(request), originOf(request), request.params.id, request.body));
        return callRecordDto(record);
      },
    );
  };
}

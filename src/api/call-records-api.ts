import type { z } from 'zod';
import {
  callCodeListSchema,
  callEventResultSchema,
  callRecordPageSchema,
  callRecordSchema,
  type CallCode,
  type CallEventRequest,
  type CallEventResult,
  type CallRecordDto,
  type CallRecordPage,
  type CallRecordPatch,
  type callRecordExportQuerySchema,
  type callRecordSearchQuerySchema,
} from '../contract/call-records';
import type { ApiClient } from './api-client';
import type { ApiResult } from './api-error';
import type { DownloadedFile } from './downloaded-file';

/** Filters of a record search; `limit` (1–200) defaults to 50 on the service. */
export type CallRecordSearch = Omit<z.input<typeof callRecordSearchQuerySchema>, 'limit'> & { readonly limit?: number };

/** Filters of the CSV export, and the language of its header (Japanese by default). */
export type CallRecordExport = z.input<typeof callRecordExportQuerySchema>;

/**
 * Call records (応対記録, `/api/call-records/*`): the softphone files its call events, the agent
 * completes the record, staff search and export the records of their groups.
 */
export class CallRecordsApi {
  constructor(private readonly client: ApiClient) {}

  /**
   * PUT /api/call-records/by-call-id/:sipCallId/events: one event of the signed-in agent's call.
   * @remarks Idempotent by SIP Call-ID, direction, phase and instant: repeat it freely after a
   * network failure (`changed: false` then). The first event of the agent's side (`direction`)
   * creates its record (201): a call between two agents gives each their own. 403 `forbidden`
   * for anyone but an agent, or on a side another agent has answered; 400 on `body.at` for a
   * clock far off, on `body.remoteNumber` for text that is no number or extension.
   */
  fileCallEvent(sipCallId: string, event: CallEventRequest): Promise<ApiResult<CallEventResult>> {
    return this.client.send('PUT', `/call-records/by-call-id/${encodeURIComponent(sipCallId)}/events`, callEventResultSchema, event);
  }

  /**
   * GET /api/call-records: the records of the reader's groups (every group for administrators),
   * newest first.
   * @remarks Pass the previous page's `nextCursor` as `cursor`; `null` means the last page.
   * `number` takes any format (`03-1234-5678`, `+81…`, an extension, `anonymous`).
   */
  searchCallRecords(search: CallRecordSearch = {}): Promise<ApiResult<CallRecordPage>> {
    return this.client.get('/call-records', callRecordPageSchema, { ...search });
  }

  /** GET /api/call-records/:id: one record; 404 `not-found`, 403 `forbidden` for another group's. */
  getCallRecord(id: string): Promise<ApiResult<CallRecordDto>> {
    return this.client.get(`/call-records/${encodeURIComponent(id)}`, callRecordSchema);
  }

  /**
   * PATCH /api/call-records/:id: the agent's part (category, notes, disposition, follow-up,
   * customer).
   * @remarks `expectedVersion` is the `version` the form was loaded with: 409 `conflict` when
   * someone saved in between, so reload and apply the change again. Agents complete only
   * their own calls; supervisors those of their groups.
   */
  updateCallRecord(id: string, patch: CallRecordPatch): Promise<ApiResult<CallRecordDto>> {
    return this.client.send('PATCH', `/call-records/${encodeURIComponent(id)}`, callRecordSchema, patch);
  }

  /**
   * GET /api/call-records/export.csv: every record matching the filters as CSV for Excel
   * (UTF-8 with byte-order mark, Tokyo times), named `call-records-YYYYMMDD.csv` by the service.
   */
  exportCallRecordsCsv(filter: CallRecordExport = {}): Promise<ApiResult<DownloadedFile>> {
    return this.client.download('/call-records/export.csv', 'text/csv', 'call-records.csv', { ...filter });
  }

  /** GET /api/call-records/categories: inquiry categories (問い合わせ分類) in display order, retired ones included. */
  async listCallCategories(): Promise<ApiResult<readonly CallCode[]>> {
    const result = await this.client.get('/call-records/categories', callCodeListSchema);
    return result.ok ? { ok: true, value: result.value.items } : result;
  }

  /** GET /api/call-records/dispositions: dispositions (対応結果) in display order, retired ones included. */
  async listDispositions(): Promise<ApiResult<readonly CallCode[]>> {
    const result = await this.client.get('/call-records/dispositions', callCodeListSchema);
    return result.ok ? { ok: true, value: result.value.items } : result;
  }
}

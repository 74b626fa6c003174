import type { z } from 'zod';
import { auditPageSchema, type auditQuerySchema } from '../contract/audit';
import type { ApiClient } from './api-client';
import type { ApiResult } from './api-error';

/** Filters of an audit search; every one is optional, `limit` (1–200) defaults to 50 on the service. */
export type AuditSearch = Omit<z.input<typeof auditQuerySchema>, 'limit'> & { readonly limit?: number };

/** A page of audit entries, newest first, with the cursor of the next page. */
export type AuditPage = z.output<typeof auditPageSchema>;

/** The audit log (`/api/audit`), administrators only. */
export class AuditApi {
  constructor(private readonly client: ApiClient) {}

  /**
   * GET /api/audit: entries matching `search`, newest first.
   * @remarks Pass the previous page's `nextCursor` as `cursor` for the next page; `null` means
   * there is none. 403 `forbidden` for everyone but administrators.
   */
  searchAudit(search: AuditSearch = {}): Promise<ApiResult<AuditPage>> {
    return this.client.get('/audit', auditPageSchema, { ...search });
  }
}

import { http } from 'msw';
import { auditPageSchema, auditQuerySchema } from '../../contract/audit';
import { mockDatabase } from './mock-database';
import { contractResponse, errorResponse, signedInSession } from './mock-http';

/** `/api/audit`: the audit log, newest first, administrators only. */
export const auditHandlers = [
  http.get('/api/audit', ({ request, cookies }) => {
    const signedIn = signedInSession(request, cookies);
    if (signedIn instanceof Response) return signedIn;
    if (signedIn.account.role !== 'administrator') return errorResponse(403, 'forbidden', 'requires the role administrator');
    const parsed = auditQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => ({ path: ['querystring', ...issue.path.map(String)].join('.'), message: issue.message }));
      return errorResponse(400, 'validation', 'some fields are invalid', fields);
    }
    const query = parsed.data;
    const beforeId = query.cursor === undefined ? undefined : Number.parseInt(query.cursor, 10);
    const matching = mockDatabase.audit
      .filter(
        (entry) =>
          (query.from === undefined || Date.parse(entry.at) >= Date.parse(query.from)) &&
          (query.to === undefined || Date.parse(entry.at) < Date.parse(query.to)) &&
          (query.actorId === undefined || entry.actorId === query.actorId) &&
          (query.action === undefined || entry.action === query.action) &&
          (query.resourceType === undefined || entry.resourceType === query.resourceType) &&
          (query.resourceId === undefined || entry.resourceId === query.resourceId) &&
          (beforeId === undefined || !Number.isFinite(beforeId) || entry.id < beforeId),
      )
      .sort((a, b) => b.id - a.id);
    const page = matching.slice(0, query.limit);
    const last = page.at(-1);
    return contractResponse(auditPageSchema, { items: page, nextCursor: matching.length > query.limit && last ? String(last.id) : null });
  }),
];

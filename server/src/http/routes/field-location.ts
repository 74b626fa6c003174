import { DomainError } from '../../domain/errors';

/**
 * Runs `work` and places the field paths of a domain refusal in the request, like the
 * schema's own validation errors: the domain says `phones.0.number`, the client reads
 * `body.phones.0.number`.
 */
export async function withFieldsIn<T>(where: 'body' | 'querystring' | 'params', work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError && error.fields) {
      throw new DomainError(
        error.kind,
        error.message,
        error.fields.map((field) => ({ path: `${where}.${field.path}`, message: field.message })),
      );
    }
    throw error;
  }
}

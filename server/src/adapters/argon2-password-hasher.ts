import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../domain/identity/password-hasher';

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum for argon2id). */
export const argon2PasswordHasher: PasswordHasher = {
  hash: (password) => hash(password),
  verify: async (stored, password) => {
    try {
      return await verify(stored, password);
    } catch {
      // A malformed stored hash is a failed check, never a crash of the sign-in.
      return false;
    }
  },
};

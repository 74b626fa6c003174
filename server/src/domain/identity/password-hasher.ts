/** Hashes and checks passwords; argon2id in production (`server/src/adapters`). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

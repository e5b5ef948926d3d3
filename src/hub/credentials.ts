// Secrets the hub hands out once (member credentials, invite codes, the setup code) and keeps only
// as hashes. They are 32 (or 16) random bytes, so a plain sha256 is enough: there is nothing to guess.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newCredential(): string {
  return randomBytes(32).toString('base64url');
}

export function newInviteCode(): string {
  return randomBytes(16).toString('base64url');
}

/** Ten characters of Crockford base32 (50 bits): typed by the person setting the hub up. */
export function newSetupCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return Array.from(randomBytes(10), (byte) => alphabet[byte % 32]).join('');
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of a typed code with the expected one (case-insensitive for people). */
export function codesMatch(typed: string, expected: string): boolean {
  const a = createHash('sha256').update(typed.trim().toUpperCase()).digest();
  const b = createHash('sha256').update(expected.toUpperCase()).digest();
  return timingSafeEqual(a, b);
}

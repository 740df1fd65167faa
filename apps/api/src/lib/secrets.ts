import { createHash, timingSafeEqual } from 'node:crypto';
import { uuidv7 } from '@flc/core';

/** A URL-safe random token with a readable prefix, e.g. `flc_pk_...`. */
export function randomToken(prefix: string, bytes = 24): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return `${prefix}${Buffer.from(buf).toString('base64url')}`;
}

/** High-entropy secrets are stored as SHA-256: fast to check, useless if leaked. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The platform's ids (UUIDv7); the same generator as the shared packages', Node included. */
export const newId = (): string => uuidv7();

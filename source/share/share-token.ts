import {createHash, randomBytes, timingSafeEqual} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {UsageError} from '../errors';

/** Shortest token accepted from a file: 16 characters. */
const minimumTokenLength = 16;

/** A fresh token: 160 random bits, URL-safe. */
export function generateShareToken(): string {
  return randomBytes(20).toString('base64url');
}

/** Reads a token from a file (first line, trimmed); a short or missing one is a usage error. */
export function readShareTokenFile(file: string, flag: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`${flag}: cannot read ${file} (${code})`);
  }
  const token = text.split(/\r?\n/)[0]!.trim();
  if (token.length < minimumTokenLength)
    throw new UsageError(
      `${flag}: the token in ${file} is shorter than ${minimumTokenLength} characters`,
      'put a long random value in it, e.g. openssl rand -base64 24',
    );
  return token;
}

/**
 * Compares a presented token with the expected one in constant time. Both are hashed first so
 * the comparison runs on equal lengths and the time says nothing about the token's length.
 */
export function tokensMatch(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected)) && presented.length > 0;
}

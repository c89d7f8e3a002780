import {hash} from 'node:crypto';
import {redactedMarker} from './secret-patterns';

/** Values shorter than this are not treated as secrets: "pg" or "1234" would blank ordinary text. */
export const shortestSecret = 4;

/** A secret known only by its keyed hash and length (from another process's shared list). */
export type HashedSecret = {length: number; hash: string};

/** The key and hashes a {@link SecretRegistry} can match windows of text against. */
export type HashedSecrets = {key: Buffer; secrets: readonly HashedSecret[]};

/**
 * The keyed hash of a secret, as written to and matched from the shared list: SHA-256 over the
 * list's random key and the value. A one-shot hash, not HMAC: HMAC's two passes and key set-up
 * cost 40 times more per window, and a keyed SHA-256 is enough here (nobody forges entries; the
 * key only stops lookups in precomputed tables).
 */
export function keyedHash(key: Buffer, value: string): string {
  return keyedHasher(key)(value);
}

/** {@link keyedHash} with the key set once, for hashing many windows. */
function keyedHasher(key: Buffer): (value: string) => string {
  const prefix = `${key.toString('base64url')}\u0000`;
  return (value) => hash('sha256', prefix + value, 'base64url');
}

/**
 * Every secret value this process knows — in clear when it read them itself (the database
 * password, the service-role key, configured header values), as keyed hashes when another process
 * shared them — and the removal of those values from text.
 */
export class SecretRegistry {
  private readonly values = new Set<string>();
  private ordered: string[] = [];
  private hashed: {key: Buffer; byLength: Map<number, Set<string>>} | undefined;

  /** Learns secret values; values shorter than {@link shortestSecret} are ignored. */
  add(values: Iterable<string | undefined>): void {
    let changed = false;
    for (const value of values) {
      if (!value || value.length < shortestSecret || this.values.has(value)) continue;
      this.values.add(value);
      changed = true;
    }
    // Longest first, so a secret that contains another is removed whole.
    if (changed) this.ordered = [...this.values].sort((a, b) => b.length - a.length);
  }

  /** Learns secrets known only by keyed hash (see `shared-secret-list.ts`). */
  addHashed(list: HashedSecrets): void {
    const byLength = new Map<number, Set<string>>();
    for (const {length, hash} of list.secrets) {
      if (length < shortestSecret) continue;
      const hashes = byLength.get(length) ?? new Set<string>();
      hashes.add(hash);
      byLength.set(length, hashes);
    }
    this.hashed = {key: list.key, byLength};
  }

  /** The values known in clear, longest first. */
  clearValues(): readonly string[] {
    return this.ordered;
  }

  /** `text` with every known secret (and `extra` value) replaced by the redaction marker. */
  redact(text: string, extra: readonly string[] = []): string {
    let result = text;
    const values = extra.length === 0 ? this.ordered : mergedLongestFirst(this.ordered, extra);
    for (const value of values) {
      if (value.length >= shortestSecret && result.includes(value))
        result = replaceValue(result, value);
    }
    if (this.hashed && this.hashed.byLength.size > 0) result = this.redactHashed(result);
    return result;
  }

  /**
   * Slides a window of each hashed secret's length over `text` and replaces the windows whose
   * keyed hash is on the list: the other process's secrets found without knowing them.
   */
  private redactHashed(text: string): string {
    const {key, byLength} = this.hashed!;
    const found: Array<[number, number]> = [];
    for (const [length, hashes] of byLength) {
      const hashOf = keyedHasher(key);
      for (let start = 0; start + length <= text.length; start++) {
        // A secret stands apart from the text around it (the same rule as for clear values):
        // windows that start or end inside a word are skipped, which keeps a long note fast.
        if (!isBoundary(text, start) || !isBoundary(text, start + length)) continue;
        if (hashes.has(hashOf(text.slice(start, start + length))))
          found.push([start, start + length]);
      }
    }
    if (found.length === 0) return text;
    found.sort((a, b) => a[0] - b[0]);
    let result = '';
    let position = 0;
    for (const [start, end] of found) {
      if (end <= position) continue;
      if (start >= position) result += `${text.slice(position, start)}${redactedMarker}`;
      position = Math.max(position, end);
    }
    return result + text.slice(position);
  }
}

const wordCharacter = /[A-Za-z0-9]/;

/** True between two characters of which at least one is not a letter or digit, and at the ends. */
function isBoundary(text: string, position: number): boolean {
  if (position === 0 || position === text.length) return true;
  return !wordCharacter.test(text[position - 1]!) || !wordCharacter.test(text[position]!);
}

function mergedLongestFirst(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort((x, y) => y.length - x.length);
}

/**
 * Replaces every occurrence of `value`. A secret made only of letters is replaced only where it
 * stands as a word of its own, so a password "create" does not turn "recreate" into "re[redacted]".
 */
function replaceValue(text: string, value: string): string {
  if (!/^[A-Za-z]+$/.test(value)) return text.split(value).join(redactedMarker);
  return text.replace(new RegExp(`(?<![A-Za-z])${value}(?![A-Za-z])`, 'g'), redactedMarker);
}

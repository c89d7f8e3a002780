import {createHmac} from 'node:crypto';
import {redactedMarker} from './secret-patterns';

/** Values shorter than this are not treated as secrets: "pg" or "1234" would blank ordinary text. */
export const shortestSecret = 4;

/** A secret known only by its keyed hash and length (from another process's shared list). */
export type HashedSecret = {length: number; hash: string};

/** The key and hashes a {@link SecretRegistry} can match windows of text against. */
export type HashedSecrets = {key: Buffer; secrets: readonly HashedSecret[]};

/** The keyed hash of a secret, as written to and matched from the shared list. */
export function keyedHash(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('base64url');
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
      for (let start = 0; start + length <= text.length; start++) {
        if (hashes.has(keyedHash(key, text.slice(start, start + length))))
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

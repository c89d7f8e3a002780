import {randomBytes} from 'node:crypto';
import {open, readFile, rename, unlink} from 'node:fs/promises';
import {type HashedSecrets, keyedHash, shortestSecret} from './secret-registry';

/**
 * The list of secrets the running cockpit leaves beside an incident's journal, so that other
 * processes writing to it (`cockpit note` from another shell, `cockpit incidents export`) redact
 * secrets they were never told: the cockpit's database password given with `--db`, a header
 * value from its configuration file.
 *
 * It holds keyed hashes (SHA-256 over a random key of the file's own and the value) and lengths, never a
 * secret in clear: a reader slides a window of each length over its text and compares hashes.
 * Whoever can read the file (mode 0600, the owner only) could still test guesses against it
 * offline, which is why it lives in the owner-only incidents directory and is nothing more.
 */
type SharedListFile = {v: 1; key: string; secrets: Array<{length: number; hash: string}>};

/** The shared list of the incident whose journal is `journalPath`. */
export function sharedSecretListPath(journalPath: string): string {
  return journalPath.replace(/\.jsonl$/, '.secrets');
}

/**
 * Writes (or replaces, keeping entries other writers added) the shared list with `values` hashed.
 * The file is written whole to a private name and renamed, so readers never see half a list.
 */
export async function writeSharedSecretList(
  path: string,
  values: readonly string[],
): Promise<void> {
  const existing = await readSharedSecretList(path);
  const key = existing?.key ?? randomBytes(32);
  const entries = new Map<string, {length: number; hash: string}>();
  for (const entry of existing?.secrets ?? []) entries.set(entry.hash, entry);
  for (const value of values) {
    if (value.length < shortestSecret) continue;
    const hash = keyedHash(key, value);
    entries.set(hash, {length: value.length, hash});
  }
  const file: SharedListFile = {v: 1, key: key.toString('base64'), secrets: [...entries.values()]};
  const draft = `${path}.${process.pid}.tmp`;
  const handle = await open(draft, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(file)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(draft, path);
  } catch (error) {
    await unlink(draft).catch(() => undefined);
    throw error;
  }
}

/** Reads a shared list; undefined when there is none or it cannot be read. */
export async function readSharedSecretList(path: string): Promise<HashedSecrets | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const file = JSON.parse(text) as Partial<SharedListFile>;
    if (file.v !== 1 || typeof file.key !== 'string' || !Array.isArray(file.secrets))
      return undefined;
    const secrets = file.secrets.filter(
      (entry) => Number.isInteger(entry?.length) && typeof entry?.hash === 'string',
    );
    return {key: Buffer.from(file.key, 'base64'), secrets};
  } catch {
    return undefined;
  }
}

import {randomUUID} from 'node:crypto';
import {link, open, readdir, readFile, stat, unlink} from 'node:fs/promises';
import {hostname} from 'node:os';
import {basename, dirname, join} from 'node:path';
import {CockpitError} from '../errors';

/** How long to wait for the lock, and when a lock left by another host counts as abandoned. */
export type LockOptions = {timeoutMs?: number; staleAfterMs?: number};

type LockOwner = {pid: number; host: string; token: string};

/**
 * Runs `work` while holding the journal's lock file, so that writers in several processes (the
 * running cockpit, `cockpit note` from another shell) append one at a time.
 *
 * Why a lock file and not O_APPEND alone: one O_APPEND `write` is atomic on local Linux file
 * systems, but not on NFS, and a short write of a 1 MB line would leave a torn line that the
 * next writer extends. The lock also lets the writer number events (`seq`) and mend a torn tail.
 *
 * The lock is created complete and atomically: the owner record goes to a private file which is
 * then hard-linked to the lock name (`link` fails if the lock exists). A lock whose owner process
 * is gone (same host, `kill(pid, 0)` fails) or that is older than `staleAfterMs` is broken, under
 * a second short-lived lock so two processes never both break it and delete a fresh one.
 */
export async function withFileLock<T>(
  lockPath: string,
  work: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const owner = await acquire(lockPath, options);
  try {
    return await work();
  } finally {
    await release(lockPath, owner);
  }
}

async function acquire(lockPath: string, options: LockOptions): Promise<string> {
  const {timeoutMs = 15_000, staleAfterMs = 60_000} = options;
  const record: LockOwner = {pid: process.pid, host: hostname(), token: randomUUID()};
  const content = JSON.stringify(record);
  const draft = `${lockPath}.${process.pid}.${record.token.slice(0, 8)}`;
  const handle = await open(draft, 'wx', 0o600);
  await handle.writeFile(content);
  await handle.close();
  const deadline = Date.now() + timeoutMs;
  let wait = 1;
  try {
    for (;;) {
      try {
        await createLock(draft, lockPath, content);
        return content;
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error;
      }
      if (await breakIfStale(lockPath, staleAfterMs)) continue;
      if (Date.now() > deadline) {
        const holder = await readFile(lockPath, 'utf8').catch(() => '');
        throw new CockpitError(`the incident journal stayed locked for ${timeoutMs / 1000}s`, {
          hint: `held by ${holder || 'an unknown process'}; remove ${lockPath} if that process is gone`,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * wait));
      wait = Math.min(20, wait * 2);
    }
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

async function createLock(draft: string, lockPath: string, content: string): Promise<void> {
  try {
    await link(draft, lockPath);
  } catch (error) {
    // File systems without hard links (some FUSE and SMB mounts): create it in place instead;
    // a reader that catches it empty treats it as live until it is old.
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP'].some((code) => isCode(error, code)))
      throw error;
    const handle = await open(lockPath, 'wx', 0o600);
    await handle.writeFile(content);
    await handle.close();
  }
}

async function release(lockPath: string, content: string): Promise<void> {
  const current = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (current === content) await unlink(lockPath).catch(() => undefined);
}

/** Removes the lock if its owner is gone; true when the caller should try again at once. */
async function breakIfStale(lockPath: string, staleAfterMs: number): Promise<boolean> {
  const observed = await readFile(lockPath, 'utf8').catch((error: unknown) =>
    isCode(error, 'ENOENT') ? undefined : '',
  );
  if (observed === undefined) return true;
  const modified = await stat(lockPath).then(
    (stats) => stats.mtimeMs,
    () => Date.now(),
  );
  if (!isStale(observed, Date.now() - modified, staleAfterMs)) return false;
  const breaker = `${lockPath}.break`;
  try {
    await (await open(breaker, 'wx', 0o600)).close();
  } catch (error) {
    if (!isCode(error, 'EEXIST')) throw error;
    // A breaker killed in its few microseconds of work leaves this file behind.
    const age = await stat(breaker).then(
      (stats) => Date.now() - stats.mtimeMs,
      () => 0,
    );
    if (age > 5000) await unlink(breaker).catch(() => undefined);
    return false;
  }
  try {
    const again = await readFile(lockPath, 'utf8').catch(() => undefined);
    if (again === observed) await unlink(lockPath).catch(() => undefined);
    await removeAbandonedDrafts(lockPath);
  } finally {
    await unlink(breaker).catch(() => undefined);
  }
  return true;
}

/** Removes drafts (`<lock>.<pid>.<token>`) left by processes killed while taking the lock. */
export async function removeAbandonedDrafts(lockPath: string): Promise<void> {
  const prefix = `${basename(lockPath)}.`;
  const names = await readdir(dirname(lockPath)).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (!name.startsWith(prefix) || !Number.isInteger(pid) || pid === process.pid) continue;
    const draft = join(dirname(lockPath), name);
    // Old as well as orphaned: on a directory shared between hosts the pid may be another host's.
    const age = await stat(draft).then(
      (stats) => Date.now() - stats.mtimeMs,
      () => 0,
    );
    if (age > 60_000 && !processExists(pid)) await unlink(draft).catch(() => undefined);
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !isCode(error, 'ESRCH');
  }
}

function isStale(content: string, ageMs: number, staleAfterMs: number): boolean {
  if (ageMs > staleAfterMs) return true;
  let owner: Partial<LockOwner>;
  try {
    owner = JSON.parse(content) as Partial<LockOwner>;
  } catch {
    return false;
  }
  if (owner.host !== hostname() || typeof owner.pid !== 'number') return false;
  return !processExists(owner.pid);
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}

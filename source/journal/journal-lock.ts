import {randomUUID} from 'node:crypto';
import {link, open, readdir, readFile, stat, unlink, utimes} from 'node:fs/promises';
import {hostname} from 'node:os';
import {basename, dirname, join} from 'node:path';
import {CockpitError} from '../errors';

/**
 * How long to wait for the lock, and the lease: a holder renews its lock file's time every
 * `leaseMs / 4`, and a lock not renewed for `leaseMs` is abandoned, whoever holds it.
 */
export type LockOptions = {timeoutMs?: number; leaseMs?: number};

/** A lock not renewed for this long is broken: its holder is stopped, a zombie or gone. */
export const defaultLeaseMs = 5000;

/** The lock file's record: who holds it, and the lease it renews (waiters judge it by that). */
type LockOwner = {pid: number; host: string; token: string; leaseMs: number};

/** What the work under a lock can ask of it. */
export type HeldLock = {
  /**
   * Throws when the lock is no longer ours (this process was stopped past its lease and another
   * broke it): called right before writing, so two writers never both append.
   */
  confirm: () => Promise<void>;
};

/**
 * Runs `work` while holding the journal's lock file, so that writers in several processes (the
 * running cockpit, `cockpit note` from another shell) append one at a time.
 *
 * Why a lock file and not O_APPEND alone: one O_APPEND `write` is atomic on local Linux file
 * systems, but not on NFS, and a short write of a 1 MB line would leave a torn line that the
 * next writer extends. The lock also lets the writer number events (`seq`) and mend a torn tail.
 *
 * The lock is created complete and atomically: the owner record goes to a private file which is
 * then hard-linked to the lock name (`link` fails if the lock exists). The lock is a lease: while
 * the work runs, its holder renews the lock file's modification time. A lock whose owner process
 * is gone (same host, `kill(pid, 0)` fails) or that was not renewed for `leaseMs` is broken,
 * under a second short-lived lock so two processes never both break it and delete a fresh one.
 * `kill(pid, 0)` alone is not enough: it succeeds for a stopped (SIGSTOP) process and a zombie,
 * which will never release the lock; neither renews it either.
 */
export async function withFileLock<T>(
  lockPath: string,
  work: (lock: HeldLock) => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const leaseMs = options.leaseMs ?? defaultLeaseMs;
  const owner = await acquire(lockPath, options, leaseMs);
  const renewal = setInterval(() => void renew(lockPath, owner), Math.max(50, leaseMs / 4));
  renewal.unref();
  const confirm = async () => {
    const current = await readFile(lockPath, 'utf8').catch(() => undefined);
    if (current !== owner)
      throw new CockpitError('lost the incident journal lock while stopped past its lease', {
        hint: 'the write is tried again',
      });
  };
  try {
    return await work({confirm});
  } finally {
    clearInterval(renewal);
    await release(lockPath, owner);
  }
}

/** Moves the lease on, if the lock is still ours (it is never renewed for someone else). */
async function renew(lockPath: string, content: string): Promise<void> {
  const current = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (current !== content) return;
  const now = new Date();
  await utimes(lockPath, now, now).catch(() => undefined);
}

async function acquire(lockPath: string, options: LockOptions, leaseMs: number): Promise<string> {
  const {timeoutMs = 15_000} = options;
  const record: LockOwner = {pid: process.pid, host: hostname(), token: randomUUID(), leaseMs};
  const content = JSON.stringify(record);
  const draft = `${lockPath}.${process.pid}.${record.token.slice(0, 8)}`;
  const deadline = Date.now() + timeoutMs;
  let wait = 1;
  try {
    await writeDraft(draft, content);
    for (;;) {
      try {
        await createLock(draft, lockPath, content);
        return content;
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error;
      }
      if (await breakIfStale(lockPath, leaseMs)) continue;
      if (Date.now() > deadline) {
        const holder = await readFile(lockPath, 'utf8').catch(() => '');
        // The holder renewed its lease within the last few seconds: it is alive and working.
        throw new CockpitError(`the incident journal stayed locked for ${timeoutMs / 1000}s`, {
          hint: `held by ${describeOwner(holder)}, which is still renewing it; try again when it is done`,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, wait + Math.random() * wait));
      wait = Math.min(20, wait * 2);
    }
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

/** Writes the owner record to the private draft; on failure (a full disk) nothing stays open. */
async function writeDraft(draft: string, content: string): Promise<void> {
  const handle = await open(draft, 'wx', 0o600);
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}

function describeOwner(content: string): string {
  try {
    const owner = JSON.parse(content) as Partial<LockOwner>;
    if (typeof owner.pid === 'number')
      return `process ${owner.pid} on ${owner.host ?? 'an unknown host'}`;
  } catch {
    // An empty or partial record: the lock was being created in place.
  }
  return 'another process';
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
    try {
      await handle.writeFile(content);
    } catch (writeError) {
      await unlink(lockPath).catch(() => undefined);
      throw writeError;
    } finally {
      await handle.close();
    }
  }
}

async function release(lockPath: string, content: string): Promise<void> {
  const current = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (current === content) await unlink(lockPath).catch(() => undefined);
}

/** Removes the lock if its owner is gone; true when the caller should try again at once. */
async function breakIfStale(lockPath: string, leaseMs: number): Promise<boolean> {
  const observed = await readFile(lockPath, 'utf8').catch((error: unknown) =>
    isCode(error, 'ENOENT') ? undefined : '',
  );
  if (observed === undefined) return true;
  const modified = await stat(lockPath).then(
    (stats) => stats.mtimeMs,
    () => Date.now(),
  );
  if (!isStale(observed, Date.now() - modified, leaseMs)) return false;
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

function isStale(content: string, ageMs: number, leaseMs: number): boolean {
  let owner: Partial<LockOwner>;
  try {
    owner = JSON.parse(content) as Partial<LockOwner>;
  } catch {
    // Empty or partial: created in place a moment ago, or by a writer that died doing so.
    return ageMs > leaseMs;
  }
  // The holder's own lease counts; a record from an older version has none and gets a minute.
  const lease = typeof owner.leaseMs === 'number' && owner.leaseMs > 0 ? owner.leaseMs : 60_000;
  if (ageMs > lease) return true;
  if (owner.host !== hostname() || typeof owner.pid !== 'number') return false;
  return !processExists(owner.pid);
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}

import {readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

/** Prefix of every embedded server's data directory under the system temp folder. */
export const dataDirectoryPrefix = 'incident-cockpit-pg-';
const ownerFile = 'cockpit-owner.pid';

/** Records which process owns a data directory, so a later start can tell it was abandoned. */
export async function claimDataDirectory(directory: string): Promise<void> {
  await writeFile(path.join(directory, ownerFile), String(process.pid), {mode: 0o600});
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Stops and removes embedded servers whose owner died without stopping them (SIGKILL, an
 * out-of-memory kill): PostgreSQL cannot notice its parent is gone, so a later start sweeps.
 * Returns how many were removed.
 */
export async function sweepOrphanServers(folder = tmpdir()): Promise<number> {
  let removed = 0;
  const entries = await readdir(folder).catch(() => [] as string[]);
  for (const entry of entries.filter((name) => name.startsWith(dataDirectoryPrefix))) {
    const directory = path.join(folder, entry);
    const owner = Number(
      (await readFile(path.join(directory, ownerFile), 'utf8').catch(() => '')).trim(),
    );
    if (owner > 0 ? alive(owner) : await youngerThan(directory, 10 * 60_000)) continue;
    const postmaster = Number(
      (await readFile(path.join(directory, 'postmaster.pid'), 'utf8').catch(() => '')).split(
        '\n',
      )[0],
    );
    // SIGQUIT: immediate shutdown, nothing of a throw-away server is worth a checkpoint.
    if (postmaster > 0 && alive(postmaster)) process.kill(postmaster, 'SIGQUIT');
    await rm(directory, {recursive: true, force: true}).catch(() => undefined);
    removed += 1;
  }
  return removed;
}

// A directory with no owner file may belong to a server still being initialised.
async function youngerThan(directory: string, ageMs: number): Promise<boolean> {
  const info = await stat(directory).catch(() => undefined);
  return info ? Date.now() - info.mtimeMs < ageMs : true;
}

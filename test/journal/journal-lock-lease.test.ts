import {type ChildProcess, spawn} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {withFileLock} from '../../source/journal/journal-lock';
import {bundleScript} from '../helpers/bundle-script';
import {createCockpitHome} from '../helpers/cockpit-home';

// Regression: a writer stopped with SIGSTOP, or a zombie, held the journal lock for 60 s because
// `kill(pid, 0)` succeeds for both; other writers gave up after 15 s, and the message told the
// user to delete the lock file of a live process. The lock is now a lease its holder renews.
const home = await createCockpitHome();
const holderScript = await bundleScript(
  'test/fixtures/journal-lock-holder.ts',
  join(home, 'journal-lock-holder.mjs'),
);
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGCONT');
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Starts `command` in its own process group and resolves once it prints "held". */
function startHolder(command: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(command, args, {detached: true, stdio: ['ignore', 'pipe', 'inherit']});
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('held')) resolve(child);
    });
    child.on('error', reject);
  });
}

const leaseMs = 1000;

describe('the journal lock is a lease', () => {
  it('is taken from a holder stopped with SIGSTOP, before the wait times out', async () => {
    const lock = join(home, 'stopped.lock');
    const holder = await startHolder(process.execPath, [
      holderScript,
      lock,
      'hold',
      String(leaseMs),
    ]);
    const heldBy = JSON.parse(await readFile(lock, 'utf8')).pid;
    expect(heldBy).toBe(holder.pid);
    process.kill(holder.pid!, 'SIGSTOP');
    await expect(
      withFileLock(lock, async () => JSON.parse(await readFile(lock, 'utf8')).pid, {
        leaseMs,
        timeoutMs: 15_000,
      }),
    ).resolves.toBe(process.pid);
  });

  it('is taken from a zombie that exited while holding it', async () => {
    const lock = join(home, 'zombie.lock');
    // The shell becomes `sleep`, which never reaps its child: the holder stays a zombie.
    await startHolder('sh', [
      '-c',
      `"${process.execPath}" "${holderScript}" "${lock}" exit ${leaseMs} & exec sleep 60`,
    ]);
    const owner = JSON.parse(await readFile(lock, 'utf8')).pid as number;
    expect(() => process.kill(owner, 0)).not.toThrow();
    await expect(
      withFileLock(lock, async () => 'taken', {leaseMs, timeoutMs: 15_000}),
    ).resolves.toBe('taken');
  });

  it('is kept by a live holder that renews it, and the message never says to delete it', async () => {
    const lock = join(home, 'live.lock');
    const holder = await startHolder(process.execPath, [
      holderScript,
      lock,
      'hold',
      String(leaseMs),
    ]);
    const waited = withFileLock(lock, async () => 'never', {leaseMs, timeoutMs: 3 * leaseMs});
    await expect(waited).rejects.toThrow(/stayed locked/);
    const error = (await waited.catch((caught: unknown) => caught)) as Error & {hint?: string};
    const message = `${error.message} ${error.hint ?? ''}`;
    expect(message).toContain(`process ${holder.pid}`);
    expect(message).not.toMatch(/remove|delete/i);
  });
});

import {afterAll, describe, expect, it} from 'vitest';
import {runShellCommand} from '../../source/runbooks/shell-runner';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {PostgresLifeline} from '../../source/sources/postgres-lifeline';
import {createTestDatabase} from '../helpers/database';

// Regression: a shell step's output line holding the database password was shown in full, since
// the shell runner only knew the application's keys, not the password of the watched database.
const database = await createTestDatabase();
const password = decodeURIComponent(new URL(database.url).password);
const lifeline = new PostgresLifeline(parseConnectionTarget(database.url), {});
lifeline.start();
afterAll(() => lifeline.close());

describe('a shell step printing the database password', () => {
  it('shows the line with the password redacted', async () => {
    await lifeline.waitUntilConnected(10_000);
    const outcome = await runShellCommand('echo "psql with password $PW worked"; echo "$PW" >&2', {
      environment: {PW: password},
    });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stdout).toBe('psql with password [redacted] worked\n');
    expect(outcome.stderr).toBe('[redacted]\n');
  });
});

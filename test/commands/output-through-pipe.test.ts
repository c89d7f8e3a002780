import {spawn} from 'node:child_process';
import {mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {IncidentJournal} from '../../source/journal/incident-journal';
import {ensureIncidentsDirectory, journalPathOf} from '../../source/journal/state-directory';
import {buildCli} from '../helpers/bundle-script';
import {childEnvironment, createCockpitHome} from '../helpers/cockpit-home';
import {createTestDatabase, waitFor} from '../helpers/database';

// Regression: with stdout a pipe, the process exited before the pipe drained, so every command's
// output stopped at 65,536 bytes (the pipe buffer) with exit code 0.
const cli = await buildCli();
const home = await createCockpitHome();
const database = await createTestDatabase();
const incidentId = '2026-12-01-1000-pipe-output';

type PipeResult = {code: number; bytes: number; text: string; stderr: string};

/** Runs `cockpit ARGS | CONSUMER` in a shell: a real pipe(2) between two processes. */
function throughPipe(args: string[], consumer: string, env = {}): Promise<PipeResult> {
  const command = `"${process.execPath}" "${cli}" ${args.map((arg) => `'${arg}'`).join(' ')} 2>"$ERR" | ${consumer}; echo "exit=\${PIPESTATUS[0]}" >&2`;
  const stderrFile = join(home, `stderr-${Math.random().toString(36).slice(2)}`);
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `${command}; cat "$ERR" >&2`], {
      env: childEnvironment(home, {ERR: stderrFile, ...env}),
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', () => {
      const text = Buffer.concat(out).toString('utf8');
      const code = Number(/exit=(\d+)/.exec(stderr)?.[1] ?? -1);
      resolve({
        code,
        bytes: Buffer.byteLength(text),
        text,
        stderr: stderr.replace(/exit=\d+\n/, ''),
      });
    });
  });
}

beforeAll(async () => {
  // A runbook folder whose --json model is well over 1 MB.
  const folder = join(home, 'runbooks');
  await mkdir(folder, {recursive: true});
  for (let file = 0; file < 3; file++) {
    const steps = Array.from(
      {length: 1500},
      (_, step) =>
        `- step ${step}: look at the pool and the queue before anything else\n  \`\`\`sql\n  select ${step} as n, now();\n  \`\`\`\n`,
    );
    await writeFile(
      join(folder, `long-${file}.md`),
      `# Long ${file}\n\n## Detect\n\n${steps.join('')}`,
    );
  }
  // An incident whose JSON export is well over 1 MB.
  await ensureIncidentsDirectory(home);
  const journal = await IncidentJournal.create(
    journalPathOf(home, incidentId),
    {type: 'opened', data: {id: incidentId, title: 'Pipe output', severity: 'P2'}},
    {actor: {user: 'alice', source: 'cockpit'}},
  );
  for (let note = 0; note < 120; note++)
    await journal.append({type: 'note', data: {text: `note ${note} ${'x'.repeat(10_000)}`}});
});

describe('output through a pipe', () => {
  it('runbooks show --json writes all of a 1 MB+ model', async () => {
    const result = await throughPipe(['runbooks', 'show', '--json', join(home, 'runbooks')], 'cat');
    expect(result.code).toBe(0);
    expect(result.bytes).toBeGreaterThan(1_000_000);
    expect(JSON.parse(result.text)).toHaveLength(3);
  });

  it('incidents export --format json writes all of a 1 MB+ export', async () => {
    const result = await throughPipe(
      ['incidents', 'export', incidentId, '--format', 'json'],
      'cat',
    );
    expect(result.code).toBe(0);
    expect(result.bytes).toBeGreaterThan(1_000_000);
    expect(JSON.parse(result.text).events).toHaveLength(121);
  });

  it('probe --json writes all of its snapshot', async () => {
    // Forty sessions with long query texts make the snapshot bigger than the pipe's buffer.
    const sessions = await Promise.all(
      Array.from({length: 40}, (_, index) => database.connect(`pipe-${index}`)),
    );
    const running = sessions.map((session, index) =>
      session
        .query(`select pg_sleep(60) /* ${`session ${index} `.repeat(60)} */`)
        .catch(() => undefined),
    );
    await waitFor(
      async () =>
        (await database.query(`select 1 from pg_stat_activity where query like '%pg_sleep(60)%'`))
          .length >= 40,
      {what: 'forty sleeping sessions'},
    );
    try {
      // A reader that starts late: the probe closes its connection meanwhile, and must still
      // wait for the pipe rather than exit with the rest of the snapshot queued.
      const result = await throughPipe(['probe', '--json', '--db', database.url], '(sleep 1; cat)');
      expect(result.bytes).toBeGreaterThan(65_536);
      const report = JSON.parse(result.text);
      expect(report.connections.ok).toBe(true);
      expect(result.code).toBe(0);
    } finally {
      await database.query(
        `select pg_cancel_backend(pid) from pg_stat_activity where query like '%pg_sleep(60)%' and pid <> pg_backend_pid()`,
      );
      await Promise.all(running);
    }
  });

  it('a reader that leaves early gives a quiet non-zero exit, not a stack trace', async () => {
    const result = await throughPipe(
      ['runbooks', 'show', '--json', join(home, 'runbooks')],
      'head -c 100 >/dev/null',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
  });
});

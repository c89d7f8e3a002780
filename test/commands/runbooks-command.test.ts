import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {beforeAll, describe, expect, it} from 'vitest';
import type {Runbook} from '../../source/runbooks/runbook-model';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cliPath = path.join(root, 'dist/cli.js');
const elsewhere = mkdtempSync(path.join(tmpdir(), 'cockpit-runbooks-'));

/** Runs the built CLI from a directory outside the repository, as an installed binary would be. */
function cockpit(...args: string[]) {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: elsewhere,
    encoding: 'utf8',
    env: {...process.env, CI: ''},
    // A command that does not exit is a failure (status null), not a test that hangs.
    timeout: 60_000,
  });
  return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

beforeAll(() => {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run npm run build first`);
});

describe('cockpit runbooks', () => {
  it('lint finds the built-in library from another directory and passes it', () => {
    const {code, stdout} = cockpit('runbooks', 'lint');
    expect(stdout.trim().split('\n').at(-1)).toMatch(
      /^1[5-9] file\(s\): 0 error\(s\), 0 warning\(s\)$/,
    );
    expect(code).toBe(0);
  });

  it('lint exits once its summary is printed, run after run, on foreign runbooks with HTML tables', () => {
    const fixtures = path.join(root, 'test/fixtures/runbooks');
    for (let run = 0; run < 3; run++) {
      const {code, stdout, stderr} = cockpit('runbooks', 'lint', fixtures);
      expect({code, stderr, last: stdout.trim().split('\n').at(-1)}).toEqual({
        code: 0,
        stderr: '',
        last: expect.stringMatching(/^16 file\(s\): 0 error\(s\), \d+ warning\(s\)$/),
      });
    }
  }, 180_000);

  it('lint exits 1 on errors and names file and line', () => {
    const file = path.join(elsewhere, 'broken.md');
    writeFileSync(
      file,
      '---\nid: broken\ntriggers: [no-such-rule]\n---\n# Broken\n\n## Detect\n\n- look\n  ```sql\n  SELEC 1;\n  ```\n- use `[x]`\n  ```bash\n  echo [x]\n  ```\n',
    );
    const {code, stdout} = cockpit('runbooks', 'lint', file);
    expect(code).toBe(1);
    expect(stdout).toContain(`${file}:1: error: unknown trigger "no-such-rule"`);
    expect(stdout).toContain(
      `${file}:10: error: SQL does not parse: syntax error at or near "SELEC"`,
    );
    expect(stdout).toContain(`${file}:14: warning: placeholder [x] has no description`);
    expect(stdout).toContain('1 file(s): 2 error(s), 1 warning(s)');
  });

  it('show --json prints the model of each file', () => {
    const {code, stdout} = cockpit(
      'runbooks',
      'show',
      '--json',
      path.join(root, 'runbooks/lock-contention.md'),
      path.join(root, 'test/fixtures/runbooks/warehouse-incidents.md'),
    );
    expect(code).toBe(0);
    const models = JSON.parse(stdout) as Runbook[];
    expect(models.map((model) => [model.id, model.incidents.length])).toEqual([
      ['lock-contention', 1],
      ['warehouse-incidents', 4],
    ]);
    const [lock] = models;
    expect(lock).toMatchObject({
      title: 'Lock contention and blocked queries',
      severity: 'P1',
      triggers: ['blocked-sessions', 'long-running-query', 'idle-in-transaction'],
      warnings: [],
    });
    expect(lock!.incidents[0]!.phases.map((phase) => phase.title)).toEqual([
      'Detect',
      'Triage',
      'Mitigate',
      'Verify',
      'Follow-up',
    ]);
    expect(lock!.incidents[0]!.phases[0]!.steps[0]).toMatchObject({
      text: 'Count the sessions waiting on a lock.',
      code: [{lang: 'sql'}],
      steps: [],
    });
  });

  it('show prints a readable outline with terminal escapes removed', () => {
    const file = path.join(elsewhere, 'hostile.md');
    writeFileSync(file, '# Evil \u001b[2J title\n\n- step \u001b]52;c;aGk=\u0007 one\n');
    const {code, stdout} = cockpit('runbooks', 'show', file);
    expect(code).toBe(0);
    expect(stdout).not.toContain('\u001b');
    expect(stdout).toContain('1. step');
  });

  it('rejects an unknown action and a missing file in one line', () => {
    expect(cockpit('runbooks', 'publish')).toMatchObject({
      code: 2,
      stderr:
        'cockpit: unknown runbooks action "publish" — run cockpit runbooks lint|show [PATH...] [--json]\n',
    });
    const missing = cockpit('runbooks', 'lint', path.join(elsewhere, 'nope.md'));
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('error: cannot read: no such file');
  });
});

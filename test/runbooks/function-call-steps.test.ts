import {beforeAll, describe, expect, it} from 'vitest';
import {createWritePipeline} from '../../source/actions/write-pipeline';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import {planPhaseReads, runPhaseReads} from '../../source/runbooks/phase-runner';
import {findPlaceholders} from '../../source/runbooks/placeholders';
import type {CodeBlock} from '../../source/runbooks/runbook-model';
import {loadSqlParser} from '../../source/runbooks/sql-parser';
import {type PreparedSqlStep, prepareSqlStep, runSqlStep} from '../../source/runbooks/step-runner';
import {demoDatabaseWithLifeline} from './runbook-db';

const {database, lifeline} = await demoDatabaseWithLifeline();

beforeAll(async () => {
  await loadSqlParser();
  // What an audit found slipping through as reads: a SECURITY DEFINER wrapper that kills a
  // session, a wrapper that deletes rows (as a dblink_exec one does over its own connection).
  await database.query(`
    CREATE FUNCTION ops_end_session(target integer) RETURNS boolean
      LANGUAGE sql SECURITY DEFINER AS 'SELECT pg_terminate_backend(target)';
    CREATE FUNCTION ops_purge_logins() RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE removed integer;
      BEGIN DELETE FROM login_attempts; GET DIAGNOSTICS removed = ROW_COUNT; RETURN removed; END
    $$;
  `);
});

const block = (text: string): CodeBlock => ({
  lang: 'sql',
  text,
  line: 1,
  placeholders: findPlaceholders(text, 'sql'),
});
const prepare = (text: string, values: Record<string, string> = {}): PreparedSqlStep => {
  const prepared = prepareSqlStep(block(text), values);
  if ('error' in prepared) throw new Error(prepared.error);
  return prepared;
};
const step = {runbookId: 't', runbookTitle: 'T', key: '1.1.1', phase: 'Triage', text: 'a step'};
/** What `--read-only` does to a step: the write pipeline's one check, then nothing runs. */
const underReadOnly = (prepared: PreparedSqlStep) =>
  createWritePipeline({
    lifeline: () => lifeline,
    timeline: {record: async () => undefined},
    readOnly: true,
    secrets: [],
  }).runRunbookSql({step, prepared, confirmationToken: prepared.confirmationToken});
const count = async (sql: string) => Number((await database.query<{n: string}>(sql))[0]!.n);
const loginRows = () => count('SELECT count(*) AS n FROM login_attempts');
const alive = (pid: string) =>
  count(`SELECT count(*) AS n FROM pg_stat_activity WHERE pid = ${Number(pid)}`);
const lifelinePid = async () =>
  Number((await lifeline.read<{pid: number}>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
const advisoryLocksOf = async (pid: number) =>
  count(`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = ${pid}`);

describe('steps that call functions', () => {
  it('asks before a SECURITY DEFINER wrapper runs, and refuses it under --read-only', async () => {
    const victim = await database.connect('victim');
    const pid = String((await victim.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    const prepared = prepare('SELECT ops_end_session(<pid>)', {pid});
    expect(prepared.classification.sqlClass).toBe('write');
    expect(await runSqlStep(lifeline, prepared)).toMatchObject({
      kind: 'needs-confirmation',
      sqlClass: 'write',
      reasons: ['ops_end_session() is not a known side-effect-free built-in'],
    });
    expect(await underReadOnly(prepared)).toMatchObject({
      kind: 'refused',
      reason: expect.stringMatching(/read-only mode/),
    });
    expect(await alive(pid)).toBe(1);
  });

  it('never previews a wrapper that deletes rows: it asks, and runs it only when confirmed', async () => {
    const before = await loginRows();
    expect(before).toBeGreaterThan(0);
    const prepared = prepare('SELECT ops_purge_logins() AS removed');
    expect(await runSqlStep(lifeline, prepared)).toMatchObject({kind: 'needs-confirmation'});
    expect(await underReadOnly(prepared)).toMatchObject({kind: 'refused'});
    expect(await loginRows()).toBe(before);
    const done = await runSqlStep(lifeline, prepared, {
      confirmationToken: prepared.confirmationToken,
    });
    expect(done).toMatchObject({kind: 'executed', statements: [{result: {rows: [[`${before}`]]}}]});
    expect(await loginRows()).toBe(0);
  });

  it('leaves no advisory lock and no changed setting behind after a step, run or failed', async () => {
    const pid = await lifelinePid();
    const lock = prepare('SELECT pg_advisory_lock(4242)');
    expect(lock.classification.sqlClass).toBe('dangerous');
    expect(await underReadOnly(lock)).toMatchObject({kind: 'refused'});
    expect(
      await runSqlStep(lifeline, lock, {confirmationToken: lock.confirmationToken}),
    ).toMatchObject({kind: 'executed'});
    expect(await lifelinePid()).toBe(pid);
    expect(await advisoryLocksOf(pid)).toBe(0);

    const failing = prepare('SELECT pg_advisory_lock(4243); SELECT 1 / 0');
    expect(
      await runSqlStep(lifeline, failing, {confirmationToken: failing.confirmationToken}),
    ).toMatchObject({kind: 'failed', error: expect.stringMatching(/division by zero/)});
    expect(await advisoryLocksOf(pid)).toBe(0);

    const setting = prepare("SELECT set_config('work_mem', '77MB', false)");
    await runSqlStep(lifeline, setting, {confirmationToken: setting.confirmationToken});
    expect((await lifeline.read('SHOW work_mem')).rows[0]).not.toEqual({work_mem: '77MB'});
    // The lifeline's own guard comes back with RESET ALL: reads stay read-only.
    expect((await lifeline.read('SHOW default_transaction_read_only')).rows[0]).toEqual({
      default_transaction_read_only: 'on',
    });
  });

  it('asks the live catalog whether a built-in is shadowed, and treats a shadowed call as a write', async () => {
    // varchar is a closer match than pg_catalog.lower(text): this one would be called.
    await database.query(`
      CREATE FUNCTION public.lower(value varchar) RETURNS text LANGUAGE plpgsql AS $$
        BEGIN DELETE FROM login_attempts; RETURN value; END $$;
    `);
    const shadowed = prepare('SELECT lower(email::varchar) AS who FROM login_attempts');
    expect(shadowed.classification.sqlClass).toBe('read');
    expect(await runSqlStep(lifeline, shadowed)).toMatchObject({
      kind: 'needs-confirmation',
      sqlClass: 'write',
      reasons: ['lower() is also defined in public, so the call may not be the built-in'],
    });
    const readOnly = createWritePipeline({
      lifeline: () => lifeline,
      timeline: {record: async () => undefined},
      readOnly: true,
      secrets: [],
    });
    expect(await readOnly.runRunbookSql({step, prepared: shadowed})).toMatchObject({
      kind: 'refused',
      reason: 'read-only mode: this step is a write',
    });
    expect(
      await runPhaseReads(
        lifeline,
        [
          {
            step: {text: 'x', line: 1, code: [], steps: []},
            path: [0],
            code: {lang: 'sql', text: '', line: 1, placeholders: []},
            prepared: shadowed,
          },
        ],
        'run-all',
      ),
    ).toMatchObject([{outcome: {kind: 'refused'}}]);
    expect(
      await runSqlStep(lifeline, prepare('SELECT upper(email) FROM login_attempts')),
    ).toMatchObject({
      kind: 'read',
    });
    await database.query('DROP FUNCTION public.lower(varchar)');
  });

  it('leaves function calls out of "run all reads", saying why', async () => {
    const fence = '```';
    const runbook = parseRunbook(
      `# T\n\n## Triage\n\n- count\n  ${fence}sql\n  SELECT count(*) FROM login_attempts\n  ${fence}\n- wrapper\n  ${fence}sql\n  SELECT ops_end_session(pg_backend_pid())\n  ${fence}\n- purge\n  ${fence}sql\n  SELECT ops_purge_logins()\n  ${fence}\n- lock\n  ${fence}sql\n  SELECT pg_advisory_lock(1)\n  ${fence}\n`,
      't.md',
    );
    const incident = runbook.incidents[0]!;
    const plan = planPhaseReads(incident, incident.phases[0]!);
    expect(plan.reads.map((read) => read.step.text)).toEqual(['count']);
    expect(plan.skipped.map((item) => [item.step.text, item.reason])).toEqual([
      ['wrapper', 'a write step runs on its own'],
      ['purge', 'a write step runs on its own'],
      ['lock', 'a dangerous step runs on its own'],
    ]);
    const before = await loginRows();
    const results = await runPhaseReads(lifeline, plan.reads, 'run-all');
    expect(results.map((result) => result.outcome.kind)).toEqual(['read']);
    expect(await loginRows()).toBe(before);
  });
});

import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createWritePipeline} from '../../../source/actions/write-pipeline';
import {parseRunbook} from '../../../source/runbooks/parse-runbook';
import {loadSqlParser} from '../../../source/runbooks/sql-parser';
import {createCockpitStore} from '../../../source/store/cockpit-store';
import type {TimelineSink} from '../../../source/timeline/timeline-sink';
import {keys, type RenderedUi, renderUi} from '../../helpers/render-ui';
import {demoDatabaseWithLifeline} from '../../runbooks/runbook-db';

const {database, lifeline} = await demoDatabaseWithLifeline();

beforeAll(async () => {
  await loadSqlParser();
  // The seed's emails were all sent; three failures give the write step something to change.
  await database.query(
    "INSERT INTO email_log (recipient, subject, status) SELECT 'f' || g || '@example.com', 'welcome', 'failed' FROM generate_series(1, 3) AS g",
  );
});

const fence = '```';
const runbook = parseRunbook(
  `---
id: email-steps
title: Email steps
severity: P2
placeholders:
  recipient: address whose emails to count
---

# Email trouble

## Detect

- Count emails by status
  ${fence}sql
  SELECT status, count(*) AS n FROM email_log GROUP BY status ORDER BY status
  ${fence}
- Count one recipient's emails
  ${fence}sql
  SELECT count(*) AS matching FROM email_log WHERE recipient = '[recipient]'
  ${fence}
- A broken query
  ${fence}sql
  SELECT no_such_column FROM email_log
  ${fence}
- Count audit rows
  ${fence}sql
  SELECT count(*) AS audit_rows FROM audit_log
  ${fence}

## Mitigate

- Bump the retry count of failed emails
  ${fence}sql
  UPDATE email_log SET retry_count = retry_count + 100 WHERE status = 'failed'
  ${fence}
- Create a scratch table
  ${fence}sql
  CREATE TABLE cockpit_scratch (id integer)
  ${fence}
- Say hello
  ${fence}bash
  printf 'hello %s\\n' "[who]"
  ${fence}
  ${fence}sql
  SELECT 'second block' AS which
  ${fence}
`,
  'email-steps.md',
);

const count = async (sql: string) => Number((await database.query<{n: string}>(sql))[0]!.n);

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

/** The cockpit at 160x50 with the test runbook open, zoomed, on step `down` steps from the top. */
async function openAt(
  down: number,
  options: {readOnly?: boolean; columns?: number; rows?: number; zoom?: boolean} = {},
) {
  const readOnly = options.readOnly ?? false;
  const store = createCockpitStore({databaseLabel: 'test', readOnly});
  store.getState().setRunbookLibrary([runbook]);
  store.getState().openRunbook('email-steps');
  store.getState().updateUi({focusedPaneId: 'runbook'});
  const runbookActions = (timeline: TimelineSink) =>
    createWritePipeline({lifeline: () => lifeline, timeline, readOnly, secrets: []});
  const {columns = 160, rows = 50, zoom = true} = options;
  ui = await renderUi({columns, rows, store, runbookActions});
  if (zoom) await ui.press('z');
  await ui.waitForFrame('Email steps');
  for (let index = 0; index < down; index++) await ui.press('j');
  return {store, ui};
}

const eventKinds = (rendered: RenderedUi) => rendered.actions.events.map((event) => event.kind);

describe('running runbook steps', () => {
  it('runs a read step and shows its rows under the step, marking it done', async () => {
    const {store, ui} = await openAt(0);
    await ui.press('r');
    const frame = await ui.waitForFrame('read: 2 rows');
    expect(frame).toMatch(/failed\s+\d+/);
    expect(frame).toMatch(/sent\s+\d+/);
    expect(store.getState().runbook.statuses['1.1.1']).toBe('done');
    expect(eventKinds(ui)).toEqual(['runbook.step.started', 'runbook.step.run']);
    expect(ui.actions.events[1]!.data).toMatchObject({
      sql: expect.stringContaining('GROUP BY status'),
      outcome: 'read: 2 rows',
    });
  });

  it('shows what PostgreSQL said under a failed step, and journals it', async () => {
    const {store, ui} = await openAt(2);
    await ui.press('r');
    const frame = await ui.waitForFrame('failed: column "no_such_column" does not exist');
    expect(frame).toContain('at line 1, column 8: SELECT no_such_column FROM email_log');
    expect(store.getState().runbook.statuses['1.1.3']).toBe('failed');
    expect(ui.actions.events.at(-1)).toMatchObject({
      kind: 'runbook.step.failed',
      data: {
        error: {
          message: 'column "no_such_column" does not exist',
          statement: 1,
          position: 8,
          at: 'line 1, column 8: SELECT no_such_column FROM email_log',
        },
      },
    });
  });

  it('at 80x24 shows the result before the code and says how much more there is', async () => {
    const {ui} = await openAt(6, {columns: 80, rows: 24, zoom: false});
    await ui.press(']r');
    const frame = await ui.waitForFrame('read: 1 row');
    expect(frame.indexOf('read: 1 row')).toBeLessThan(frame.indexOf('── sql 2/2'));
    expect(frame).toContain('second block');
  });

  it('says how many lines of the step do not fit', async () => {
    const {ui} = await openAt(0, {columns: 80, rows: 17, zoom: false});
    await ui.press('r');
    const frame = await ui.waitForFrame('read: 2 rows');
    expect(frame).toMatch(/… \d+ more lines \(z zooms the region\)/);
  });

  it('previews a write, cancels on Esc without changing anything, then runs it when confirmed', async () => {
    const failed = "SELECT count(*) AS n FROM email_log WHERE status = 'failed'";
    const bumped = 'SELECT count(*) AS n FROM email_log WHERE retry_count >= 100';
    const expected = await count(failed);
    expect(expected).toBeGreaterThan(0);
    const {ui} = await openAt(4);
    await ui.press('r');
    let frame = await ui.waitForFrame('Run this write?');
    expect(frame).toContain(`would change ${expected} rows`);
    expect(frame).toContain(
      "UPDATE email_log SET retry_count = retry_count + 100 WHERE status = 'failed'",
    );
    await ui.press(keys.escape);
    await ui.waitForFrame('cancelled: nothing ran');
    expect(await count(bumped)).toBe(0);
    expect(eventKinds(ui)).toEqual(['runbook.step.started', 'runbook.step.cancelled']);
    await ui.press('r');
    await ui.waitForFrame('Run this write?');
    await ui.press('r', 'u', 'n', keys.enter);
    frame = await ui.waitForFrame(`executed: ${expected} rows affected`);
    expect(await count(bumped)).toBe(expected);
    expect(ui.actions.events.at(-1)).toMatchObject({
      kind: 'runbook.step.run',
      data: {
        sql: expect.stringContaining('UPDATE email_log'),
        outcome: expect.stringContaining('executed'),
      },
    });
  });

  it('shows a dangerous step without previewing it and runs it only after the typed word', async () => {
    const exists = "SELECT count(*) AS n FROM pg_tables WHERE tablename = 'cockpit_scratch'";
    const {ui} = await openAt(5);
    await ui.press('r');
    const frame = await ui.waitForFrame('Run this DANGEROUS SQL?');
    expect(frame).toContain('CREATE TABLE cockpit_scratch (id integer)');
    expect(frame).toContain('Type dangerous and press Enter');
    await ui.press('r', 'u', 'n', keys.enter);
    await ui.waitForFrame('not "dangerous"');
    expect(await count(exists)).toBe(0);
    await ui.press(...'dangerous', keys.enter);
    await ui.waitForFrame('executed:');
    expect(await count(exists)).toBe(1);
  });

  it('asks for a placeholder with its description and binds an injection attempt as a literal', async () => {
    const {store, ui} = await openAt(1);
    await ui.press('r');
    await ui.waitForFrame('recipient — address whose emails to count:');
    await ui.press(..."x' OR '1'='1", keys.enter);
    const frame = await ui.waitForFrame('read: 1 row');
    expect(frame).toMatch(/^│ 0\s+│$/m);
    expect(ui.actions.events.at(-1)!.data).toMatchObject({
      sql: "SELECT count(*) AS matching FROM email_log WHERE recipient = 'x'' OR ''1''=''1'",
    });
    // The value is remembered for the runbook: running again offers it, and Enter keeps it.
    expect(store.getState().runbook.values).toEqual({recipient: "x' OR '1'='1"});
    await ui.press('r');
    await ui.waitForFrame("> x' OR '1'='1");
    await ui.press(keys.enter);
    await ui.waitForFrame((text) => ui.actions.events.length === 4 && text.includes('read: 1 row'));
    expect(ui.actions.events.at(-1)!.data).toMatchObject({
      sql: "SELECT count(*) AS matching FROM email_log WHERE recipient = 'x'' OR ''1''=''1'",
    });
  });

  it('refuses writes, dangerous steps and commands under --read-only, but still runs reads', async () => {
    const {ui} = await openAt(4, {readOnly: true});
    await ui.press('r');
    await ui.waitForFrame('refused: read-only mode: this step is a write');
    await ui.press('jr');
    await ui.waitForFrame('refused: read-only mode: this step is a dangerous');
    await ui.press('j', 'r');
    await ui.waitForFrame('who');
    await ui.press('w', 'o', 'r', 'l', 'd', keys.enter);
    await ui.waitForFrame('refused: read-only mode: shell steps are disabled');
    await ui.press('k', 'k', 'k', 'r');
    await ui.waitForFrame('read: 1 row');
    expect(eventKinds(ui)).toEqual([
      'runbook.step.refused',
      'runbook.step.refused',
      'runbook.step.refused',
      'runbook.step.started',
      'runbook.step.run',
    ]);
    expect(await count('SELECT count(*) AS n FROM email_log WHERE retry_count >= 1000')).toBe(0);
  });

  it('runs a shell step after confirmation, value passed through the environment, and copies the chosen block', async () => {
    const {ui} = await openAt(6);
    await ui.press('r');
    await ui.waitForFrame('who:');
    await ui.press(...'$(touch /tmp/pwned) world', keys.enter);
    const frame = await ui.waitForFrame('Run this command?');
    expect(frame).toContain('printf \'hello %s\\n\' "${COCKPIT_VALUE_1}"');
    expect(frame).toContain('with COCKPIT_VALUE_1=$(touch /tmp/pwned) world');
    await ui.press('r', 'u', 'n', keys.enter);
    await ui.waitForFrame('exit 0');
    expect(ui.lastFrame()).toContain('hello $(touch /tmp/pwned) world');
    expect(ui.actions.events.at(-1)).toMatchObject({
      kind: 'runbook.step.run',
      data: {command: expect.stringContaining('COCKPIT_VALUE_1'), outcome: 'exit 0'},
    });
    await ui.press('y');
    // One input chunk, as a fast typist or tmux sends it: the choice applies before the copy.
    await ui.press(']y');
    expect(ui.actions.copied).toEqual([
      'printf \'hello %s\\n\' "[who]"',
      "SELECT 'second block' AS which",
    ]);
    await ui.press('r');
    await ui.waitForFrame('read: 1 row');
    expect(ui.lastFrame()).toContain('second block');
  });
});

describe('running all reads of a phase', () => {
  it('stops at the first failure by default, after one confirmation listing reads and skips', async () => {
    const {store, ui} = await openAt(0);
    await ui.press('a');
    const frame = await ui.waitForFrame('Run 3 read-only queries of Detect');
    expect(frame).toContain('stop at the first failure');
    expect(frame).toContain('skipped 1.1.2 Count one recipient');
    expect(frame).toContain('missing value');
    await ui.press('r', 'u', 'n', keys.enter);
    await ui.waitForFrame('Detect: 1 read(s) ran, 1 failed, 1 not run');
    expect(store.getState().runbook.statuses).toEqual({'1.1.1': 'done', '1.1.3': 'failed'});
    expect(store.getState().runbook.results['1.1.4']?.summary).toBe(
      'not run: an earlier query failed',
    );
    expect(eventKinds(ui)).toEqual([
      'runbook.step.run',
      'runbook.step.failed',
      'runbook.phase.run',
    ]);
  });

  it('runs the rest and reports with the other policy (p)', async () => {
    const {store, ui} = await openAt(0);
    await ui.press('p');
    await ui.waitForFrame('run all reads: run the rest and report');
    await ui.press('a');
    await ui.waitForFrame('run the rest and report (p changes it)');
    await ui.press('r', 'u', 'n', keys.enter);
    await ui.waitForFrame('Detect: 2 read(s) ran, 1 failed, 0 not run');
    expect(store.getState().runbook.statuses).toEqual({
      '1.1.1': 'done',
      '1.1.3': 'failed',
      '1.1.4': 'done',
    });
  });
});

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
  await database.query(`
    CREATE FUNCTION ops_end_session(target integer) RETURNS boolean
      LANGUAGE sql SECURITY DEFINER AS 'SELECT pg_terminate_backend(target)';
  `);
});

const fence = '```';
const runbook = parseRunbook(
  `---\nid: wrappers\ntitle: Wrappers\n---\n\n# Stuck\n\n## Triage\n\n- Count sessions\n  ${fence}sql\n  SELECT count(*) AS n FROM pg_stat_activity\n  ${fence}\n- End it through the wrapper\n  ${fence}sql\n  SELECT ops_end_session(<pid>)\n  ${fence}\n- Hold a lock\n  ${fence}sql\n  SELECT pg_advisory_lock(77)\n  ${fence}\n`,
  'wrappers.md',
);

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

async function openAt(down: number, readOnly = false) {
  const store = createCockpitStore({databaseLabel: 'test', readOnly});
  store.getState().setRunbookLibrary([runbook]);
  store.getState().openRunbook('wrappers');
  store.getState().updateUi({focusedPaneId: 'runbook'});
  const runbookActions = (timeline: TimelineSink) =>
    createWritePipeline({lifeline: () => lifeline, timeline, readOnly, secrets: []});
  ui = await renderUi({columns: 160, rows: 50, store, runbookActions});
  await ui.press('z');
  await ui.waitForFrame('Wrappers');
  for (let index = 0; index < down; index++) await ui.press('j');
  return {ui, store};
}

const alive = async (pid: number) =>
  (await database.query(`SELECT 1 FROM pg_stat_activity WHERE pid = ${pid}`)).length;

describe('function calls in runbook steps', () => {
  it('asks before a SECURITY DEFINER wrapper runs on r, without previewing it', async () => {
    const victim = await database.connect('victim');
    const pid = Number((await victim.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    const {ui} = await openAt(1);
    await ui.press('r');
    await ui.waitForFrame('pid:');
    await ui.press(...String(pid), keys.enter);
    const frame = await ui.waitForFrame('Run this write?');
    expect(frame).toContain('not previewed');
    expect(frame).toContain('ops_end_session() is not a known side-effect-free built-in');
    expect(frame).toContain('Type run and press Enter');
    await ui.press(keys.escape);
    await ui.waitForFrame('cancelled: nothing ran');
    expect(await alive(pid)).toBe(1);
  });

  it('leaves the wrapper and the advisory lock out of run-all, and refuses them under --read-only', async () => {
    let {ui, store} = await openAt(0);
    store.getState().setPlaceholderValue('pid', '1');
    await ui.press('a');
    const frame = await ui.waitForFrame('Run 1 read-only query of Triage');
    expect(frame).toContain(
      'skipped 1.1.2 End it through the wrapper: a write step runs on its own',
    );
    expect(frame).toContain('skipped 1.1.3 Hold a lock: a dangerous step runs on its own');
    await ui.press(keys.escape);
    ui.unmount();
    ({ui, store} = await openAt(2, true));
    await ui.press('r');
    await ui.waitForFrame('refused: read-only mode: this step is a dangerous');
    const locks = await database.query(
      "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 77",
    );
    expect(locks).toHaveLength(0);
  });
});

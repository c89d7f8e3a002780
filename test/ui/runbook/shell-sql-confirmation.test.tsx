import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createRunbookStepActions} from '../../../source/app/runbook-step-actions';
import {parseRunbook} from '../../../source/runbooks/parse-runbook';
import {loadSqlParser} from '../../../source/runbooks/sql-parser';
import {createCockpitStore} from '../../../source/store/cockpit-store';
import type {TimelineSink} from '../../../source/timeline/timeline-sink';
import {keys, type RenderedUi, renderUi} from '../../helpers/render-ui';

beforeAll(async () => {
  await loadSqlParser();
});

const fence = '```';
const runbook = parseRunbook(
  `# Stuck sessions

## Mitigate

- End the blocking session from the bastion
  ${fence}bash
  kubectl exec -n db cluster-1 -c postgres -- psql -c "SELECT pg_terminate_backend(<pid>);"
  ${fence}
- Count the sessions from the bastion
  ${fence}bash
  psql "$DATABASE_URL" -c "SELECT count(*) FROM pg_stat_activity;"
  ${fence}
`,
  'stuck.md',
);

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

async function openAt(down: number) {
  const store = createCockpitStore({databaseLabel: 'test'});
  store.getState().setRunbookLibrary([runbook]);
  store.getState().openRunbook(runbook.id);
  store.getState().updateUi({focusedPaneId: 'runbook'});
  const runbookActions = (timeline: TimelineSink) =>
    createRunbookStepActions({lifeline: () => undefined, readOnly: false, secrets: [], timeline});
  ui = await renderUi({columns: 160, rows: 50, store, runbookActions});
  await ui.press('z');
  await ui.waitForFrame('Stuck sessions');
  for (let index = 0; index < down; index++) await ui.press('j');
  return ui;
}

describe('a shell step that hands SQL to psql', () => {
  it('needs the dangerous word when the SQL is dangerous, and "run" does not do', async () => {
    const rendered = await openAt(0);
    await rendered.press('r');
    await rendered.waitForFrame('pid:');
    await rendered.press('4', '2', keys.enter);
    const frame = await rendered.waitForFrame('Its SQL is dangerous');
    expect(frame).toContain('pg_terminate_backend() ');
    expect(frame).toContain('Type dangerous and press Enter');
    await rendered.press('r', 'u', 'n', keys.enter);
    await rendered.waitForFrame('not "dangerous"');
    await rendered.press(keys.escape);
    await rendered.waitForFrame('cancelled: nothing ran');
    expect(rendered.actions.events.map((event) => event.kind)).toEqual(['runbook.step.cancelled']);
  });

  it('keeps the ordinary confirmation when the SQL only reads', async () => {
    const rendered = await openAt(1);
    await rendered.press('r');
    await rendered.waitForFrame('DATABASE_URL');
    await rendered.press(keys.enter);
    const frame = await rendered.waitForFrame('Run this command?');
    expect(frame).not.toContain('dangerous');
    expect(frame).toContain('Type run and press Enter');
    await rendered.press(keys.escape);
    await rendered.waitForFrame('cancelled: nothing ran');
  });
});

import {readFileSync} from 'node:fs';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createWritePipeline} from '../../../source/actions/write-pipeline';
import {IncidentSession} from '../../../source/incidents/incident-session';
import {journalPathOf} from '../../../source/journal/state-directory';
import {renderJsonExport} from '../../../source/report/json-export';
import {writeReportFile} from '../../../source/report/write-report';
import {parseRunbook} from '../../../source/runbooks/parse-runbook';
import {loadSqlParser} from '../../../source/runbooks/sql-parser';
import {createCockpitStore} from '../../../source/store/cockpit-store';
import type {TimelineSink} from '../../../source/timeline/timeline-sink';
import {createCockpitHome} from '../../helpers/cockpit-home';
import {keys, type RenderedUi, renderUi} from '../../helpers/render-ui';
import {demoDatabaseWithLifeline} from '../../runbooks/runbook-db';

const {lifeline} = await demoDatabaseWithLifeline();
const home = await createCockpitHome();

beforeAll(async () => {
  await loadSqlParser();
});

const fence = '```';
const runbook = parseRunbook(
  `---
id: prompts
title: Prompts
placeholders:
  pid: backend pid of the stuck session
  webhook-signing:
    description: signing value of the partner webhook
    secret: true
---

# Stuck sessions

## Mitigate

- End the stuck session
  ${fence}sql
  SELECT pg_terminate_backend(<pid>)
  ${fence}
- Check the partner's signing value
  ${fence}sql
  SELECT count(*) AS matching FROM api_keys WHERE name = '[webhook-signing]'
  ${fence}
  ${fence}sql
  SELECT '[webhook-signing]'::integer AS as_number
  ${fence}
- Echo the service role key
  ${fence}bash
  echo "key is $SUPABASE_SERVICE_ROLE_KEY"
  ${fence}
`,
  'prompts.md',
);

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

async function openAt(down: number, timeline?: TimelineSink) {
  const store = createCockpitStore({databaseLabel: 'test'});
  store.getState().setRunbookLibrary([runbook]);
  store.getState().openRunbook('prompts');
  store.getState().updateUi({focusedPaneId: 'runbook'});
  const runbookActions = (own: TimelineSink) =>
    createWritePipeline({
      lifeline: () => lifeline,
      timeline: timeline ?? own,
      readOnly: false,
      secrets: [],
    });
  ui = await renderUi({columns: 160, rows: 50, store, runbookActions});
  await ui.press('z');
  await ui.waitForFrame('Prompts');
  for (let index = 0; index < down; index++) await ui.press('j');
  return {store, ui};
}

describe('placeholder prompts', () => {
  it('checks a value against its kind before the confirmation, and re-asks on r with the last value filled in', async () => {
    const {store, ui} = await openAt(0);
    await ui.press('r');
    await ui.waitForFrame('pid — backend pid of the stuck session:');
    await ui.press(...'12a', keys.enter);
    let frame = await ui.waitForFrame('✗ pid must be a positive whole number');
    expect(frame).toContain('> 12a');
    expect(frame).not.toContain('Run this DANGEROUS SQL?');
    expect(store.getState().runbook.values).toEqual({});
    await ui.press(keys.backspace, '9', keys.enter);
    frame = await ui.waitForFrame('Run this DANGEROUS SQL?');
    expect(frame).toContain("SELECT pg_terminate_backend('129')");
    await ui.press(keys.escape);
    await ui.waitForFrame('cancelled: nothing ran');

    // A wrong pid is fixed on r, without reopening the runbook (and losing its progress).
    await ui.press('r');
    frame = await ui.waitForFrame('> 129');
    await ui.press(keys.backspace, keys.backspace, keys.backspace, ...'4242', keys.enter);
    frame = await ui.waitForFrame('Run this DANGEROUS SQL?');
    expect(frame).toContain("SELECT pg_terminate_backend('4242')");
    expect(store.getState().runbook.values).toEqual({pid: '4242'});
    await ui.press(keys.escape);
    await ui.waitForFrame('cancelled: nothing ran');
    expect(ui.actions.events.map((event) => event.kind)).toEqual([
      'runbook.step.started',
      'runbook.step.cancelled',
      'runbook.step.started',
      'runbook.step.cancelled',
    ]);
  });

  it('masks a secret value while it is typed, and keeps it out of the screen, the journal and the export', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    const session = new IncidentSession(store, {
      home,
      actor: {user: 'alice', source: 'cockpit'},
      knownSecrets: [],
      writeReport: (events) => writeReportFile(home, events),
    });
    const id = await session.open('Partner webhook failing', 'P2');
    afterAll(() => session.stop());
    const secret = 'whsig-7f3a9c1e55d04b2a';
    const {ui, store: shownStore} = await openAt(1, session.timeline);
    await ui.press('r');
    await ui.waitForFrame('webhook-signing — signing value of the partner webhook:');
    await ui.press(...secret.slice(0, 10));
    const typing = await ui.waitForFrame('> ••••••••••');
    expect(typing).not.toContain(secret.slice(0, 10));
    await ui.press(...secret.slice(10), keys.enter);
    let frame = await ui.waitForFrame('read: 1 row');
    // The second block puts the value into an error message: the database quotes it back.
    await ui.press(']', 'r');
    await ui.waitForFrame(`> ${'•'.repeat(secret.length)}`);
    await ui.press(keys.enter);
    frame = await ui.waitForFrame('failed: invalid input syntax for type integer');
    expect(frame).toContain('"[secret]"');
    // A shell step: the name says it is secret, and its output would echo it.
    await ui.press('j', 'r');
    await ui.waitForFrame('SUPABASE_SERVICE_ROLE_KEY');
    const key = 'service-role-planted-0011223344';
    await ui.press(...key, keys.enter);
    frame = await ui.waitForFrame('Run this command?');
    expect(frame).toMatch(/with SUPABASE_SERVICE_ROLE_KEY=\[(secret|redacted)\]/);
    expect(frame).not.toContain(key);
    await ui.press(...'run', keys.enter);
    frame = await ui.waitForFrame('exit 0');
    expect(frame).toMatch(/key is \[(secret|redacted)\]/);

    const journal = readFileSync(journalPathOf(home, id), 'utf8');
    const shown = JSON.stringify(shownStore.getState().runbook.results);
    const exported = renderJsonExport(session.events);
    for (const text of [journal, exported, shown, frame]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(key);
    }
    expect(journal).toContain(`WHERE name = '[secret]'`);
    expect(exported).toContain(`WHERE name = '[secret]'`);
  });
});

import {readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {retryEmailsPlan} from '../../source/actions/application-action-plans';
import {readOnlyRefusal} from '../../source/actions/read-only-check';
import {sessionSignalRequest} from '../../source/actions/session-signals';
import {createWritePipeline} from '../../source/actions/write-pipeline';
import {resolveApplicationSettings} from '../../source/config/application-settings';
import {IncidentSession} from '../../source/incidents/incident-session';
import {journalPathOf} from '../../source/journal/state-directory';
import type {SessionInfo} from '../../source/probes/session-info';
import {writeReportFile} from '../../source/report/write-report';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import {findPlaceholders} from '../../source/runbooks/placeholders';
import {loadSqlParser} from '../../source/runbooks/sql-parser';
import {prepareSqlStep} from '../../source/runbooks/step-runner';
import {createCockpitStore} from '../../source/store/cockpit-store';
import type {TimelineEventInput} from '../../source/timeline/timeline-sink';
import {createCockpitHome} from '../helpers/cockpit-home';
import {keys, renderUi} from '../helpers/render-ui';
import {demoDatabaseWithLifeline} from '../runbooks/runbook-db';

const {database, lifeline} = await demoDatabaseWithLifeline();
const home = await createCockpitHome();

beforeAll(async () => {
  await loadSqlParser();
  await database.query(
    "INSERT INTO email_log (recipient, subject, status) SELECT 'w' || g || '@example.com', 'welcome', 'failed' FROM generate_series(1, 4) AS g",
  );
});

const count = async (sql: string) => Number((await database.query<{n: string}>(sql))[0]!.n);
const fence = '```';
const runbook = parseRunbook(
  `---\nid: pipeline\ntitle: Pipeline\n---\n\n# Email trouble\n\n## Mitigate\n\n- Bump failed emails\n  ${fence}sql\n  UPDATE email_log SET retry_count = retry_count + 500 WHERE status = 'failed'\n  ${fence}\n`,
  'pipeline.md',
);

describe('the write pipeline', () => {
  it('journals (fsynced) a runbook UPDATE step before its outcome is shown', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    const session = new IncidentSession(store, {
      home,
      actor: {user: 'alice', source: 'cockpit'},
      knownSecrets: [],
      writeReport: (events) => writeReportFile(home, events),
    });
    const id = await session.open('Emails stuck', 'P2');
    afterAll(() => session.stop());
    const journalText = () => readFileSync(journalPathOf(home, id), 'utf8');
    // At the instant the outcome reaches the store (and so the screen), what does the file hold?
    const onDiskWhenShown: string[] = [];
    store.subscribe((state, previous) => {
      const now = state.runbook.results['1.1.1']?.summary;
      if (now !== previous.runbook.results['1.1.1']?.summary && now?.startsWith('executed'))
        onDiskWhenShown.push(journalText());
    });
    store.getState().setRunbookLibrary([runbook]);
    store.getState().openRunbook('pipeline');
    store.getState().updateUi({focusedPaneId: 'runbook'});
    const pipeline = createWritePipeline({
      lifeline: () => lifeline,
      timeline: session.timeline,
      readOnly: false,
      secrets: [],
    });
    const ui = await renderUi({columns: 160, rows: 50, store, runbookActions: pipeline});
    await ui.press('z');
    await ui.waitForFrame('Bump failed emails');
    await ui.press('r');
    await ui.waitForFrame('Run this write?');
    await ui.press(...'run', keys.enter);
    await ui.waitForFrame('executed: 4 rows affected');
    ui.unmount();
    expect(onDiskWhenShown).toHaveLength(1);
    const events = onDiskWhenShown[0]!
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as {type: string; data: Record<string, unknown>});
    const run = events.find((event) => event.type === 'runbook.step' && event.data.state === 'run');
    expect(run?.data).toMatchObject({
      sql: expect.stringContaining('UPDATE email_log'),
      outcome: 'executed: 4 rows affected',
      rowsAffected: [4],
    });
    expect(await count('SELECT count(*) AS n FROM email_log WHERE retry_count >= 500')).toBe(4);
  });

  it('refuses database actions, application actions and runbook writes under --read-only through one check', async () => {
    const journaled: TimelineEventInput[] = [];
    const pipeline = createWritePipeline({
      lifeline: () => lifeline,
      timeline: {record: async (event) => void journaled.push(event)},
      readOnly: true,
      secrets: [],
    });
    const victim = await database.connect('spared-by-read-only');
    const pid = Number((await victim.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    const session = {pid, backendStart: null, query: 'x'} as unknown as SessionInfo;
    const terminate = sessionSignalRequest('terminate', [session]);
    const plan = retryEmailsPlan(resolveApplicationSettings().emails, {all: true});
    if (!('request' in plan)) throw new Error(plan.unavailable);
    const update = prepareSqlStep(
      {
        lang: 'sql',
        line: 1,
        text: "UPDATE email_log SET status = 'pending' WHERE status = 'failed'",
        placeholders: findPlaceholders('', 'sql'),
      },
      {},
    );
    if ('error' in update) throw new Error(update.error);
    const step = {runbookId: 'p', runbookTitle: 'P', key: '1.1.1', phase: 'Mitigate', text: 'x'};
    const pending = "SELECT count(*) AS n FROM email_log WHERE status = 'pending'";
    const pendingBefore = await count(pending);

    const database_ = await pipeline.runDatabaseAction(terminate);
    const preview = await pipeline.runApplicationAction(plan.request, 'preview');
    const execute = await pipeline.runApplicationAction(plan.request, 'execute');
    const sql = await pipeline.runRunbookSql({
      step,
      prepared: update,
      confirmationToken: update.confirmationToken,
    });

    expect(database_).toEqual({
      ok: false,
      text: readOnlyRefusal({kind: 'database', request: terminate}, true),
    });
    const applicationRefusal = readOnlyRefusal({kind: 'application', request: plan.request}, true);
    expect(preview).toEqual({ok: false, text: applicationRefusal});
    expect(execute).toEqual({ok: false, text: applicationRefusal});
    expect(sql).toEqual({
      kind: 'refused',
      reason: readOnlyRefusal({kind: 'runbook-sql', request: {step, prepared: update}}, true),
    });
    expect(await count(`SELECT count(*) AS n FROM pg_stat_activity WHERE pid = ${pid}`)).toBe(1);
    expect(await count(pending)).toBe(pendingBefore);
    // The refused step is on the record; nothing else is, since nothing ran.
    expect(journaled.map((event) => event.kind)).toEqual(['runbook.step.refused']);
  });
});

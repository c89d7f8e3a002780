import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createRunbookStepActions} from '../../source/app/runbook-step-actions';
import {runRunbooksCommand} from '../../source/commands/runbooks-command';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import {loadSqlParser} from '../../source/runbooks/sql-parser';
import {createCockpitStore} from '../../source/store/cockpit-store';
import type {TimelineSink} from '../../source/timeline/timeline-sink';
import {type RenderedUi, renderUi} from '../helpers/render-ui';
import {contentDigest, demoDatabaseWithLifeline} from '../runbooks/runbook-db';

const {database, lifeline} = await demoDatabaseWithLifeline();
const fence = '```';
const folder = await mkdtemp(path.join(tmpdir(), 'cockpit-check-'));
const teamRunbook = `---
id: team-checks
title: Team checks
---

# Team checks

## Detect

- A typo in a column
  ${fence}sql
  SELECT id, creatd_at FROM email_log
  ${fence}
- A table this product does not have
  ${fence}sql
  SELECT count(*) FROM ocr_jobs
  ${fence}
- A write, explained only
  ${fence}sql
  UPDATE email_log SET status = 'pending' WHERE id = '[email-id]'
  ${fence}
- Maintenance
  ${fence}sql
  VACUUM email_log
  ${fence}
`;

beforeAll(async () => {
  await loadSqlParser();
  await writeFile(path.join(folder, 'team.md'), teamRunbook);
});

async function check(paths: string[]) {
  const lines: string[] = [];
  const code = await runRunbooksCommand(
    {action: 'check', paths, json: false, db: database.url},
    (line) => lines.push(line),
    {HOME: folder},
  );
  return {code, lines};
}

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

describe('cockpit runbooks check', () => {
  it('passes every SQL block of the library on the demo schema', async () => {
    const {code, lines} = await check([]);
    const failing = lines.filter((line) => / fails: /.test(line));
    expect(failing).toEqual([]);
    expect(code).toBe(0);
    expect(lines.filter((line) => /\.md:\d+: ok/.test(line)).length).toBeGreaterThan(40);
    expect(lines.at(-1)).toMatch(
      /SQL block\(s\) on postgres@127\.0\.0\.1:\d+\/test_\w+: \d+ ok, 0 failing/,
    );
  });

  it("prints file:line with PostgreSQL's reason and hint, and never runs a write", async () => {
    const before = await contentDigest((sql) => database.query(sql));
    const {code, lines} = await check([path.join(folder, 'team.md')]);
    const file = path.join(folder, 'team.md');
    expect(code).toBe(1);
    expect(lines).toContain(
      `${file}:11: fails: column "creatd_at" does not exist (hint: Perhaps you meant to reference the column "email_log.created_at".)`,
    );
    expect(lines).toContain(`${file}:15: fails: relation "ocr_jobs" does not exist`);
    expect(lines).toContain(`${file}:19: ok`);
    expect(lines).toContain(`${file}:23: skipped: VacuumStmt cannot be EXPLAINed`);
    expect(await contentDigest((sql) => database.query(sql))).toEqual(before);
  });

  it('needs a database, and says so in one line', async () => {
    await expect(
      runRunbooksCommand({action: 'check', paths: [], json: false}, () => undefined, {
        HOME: folder,
      }),
    ).rejects.toThrow('cockpit runbooks check needs a database');
  });
});

describe('the navigator on a step that cannot run here', () => {
  it('says so with the reason before r is pressed', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    store.getState().setRunbookLibrary([parseRunbook(teamRunbook, 'team.md')]);
    store.getState().openRunbook('team-checks');
    store.getState().updateUi({focusedPaneId: 'runbook'});
    const runbookActions = (timeline: TimelineSink) =>
      createRunbookStepActions({lifeline: () => lifeline, readOnly: false, secrets: [], timeline});
    ui = await renderUi({columns: 160, rows: 50, store, runbookActions});
    await ui.press('z');
    const frame = await ui.waitForFrame('cannot run on this database');
    expect(frame).toContain('✗ cannot run on this database: column "creatd_at" does not exist');
    expect(ui.actions.events.map((event) => event.kind)).toEqual([]);
    await ui.press('j', 'j');
    const write = await ui.waitForFrame('A write, explained only');
    expect(write).not.toContain('cannot run on this database');
  });
});

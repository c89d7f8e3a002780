import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadRunbooksInBackground} from '../../source/app/load-runbooks';
import {isSqlParserLoaded, parseSql} from '../../source/runbooks/sql-parser';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {waitFor} from '../helpers/database';

describe('loading the runbook library at start', () => {
  it('fills the store after returning at once, and loads the SQL parser only once a runbook is open', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'cockpit-runbooks-'));
    await writeFile(path.join(folder, 'one.md'), '# One\n\n## Detect\n\n- look\n');
    const store = createCockpitStore({databaseLabel: 'test'});
    const loading = loadRunbooksInBackground(store, folder);
    expect(store.getState().runbook.library).toEqual([]);
    await loading;
    expect(store.getState().runbook.library.map((runbook) => runbook.title)).toEqual(['One']);
    // Its WebAssembly is a third of the memory: nothing at start needs it.
    expect(isSqlParserLoaded()).toBe(false);
    store.getState().openRunbook(store.getState().runbook.library[0]!.id);
    await waitFor(() => isSqlParserLoaded(), {what: 'the SQL parser'});
    expect('statements' in parseSql('SELECT 1')).toBe(true);
  });
});

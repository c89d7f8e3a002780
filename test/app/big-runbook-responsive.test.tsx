import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {loadRunbooksInBackground} from '../../source/app/load-runbooks';
import type {ParseProgress} from '../../source/runbooks/parse-runbook';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {type RenderedUi, renderUi} from '../helpers/render-ui';

let ui: RenderedUi | undefined;
afterEach(() => ui?.unmount());

describe('a 15 MB file in the runbook folder', () => {
  it('is read up to 1 MiB and parsed while keys are still handled', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'cockpit-big-runbook-'));
    await writeFile(path.join(folder, 'a-small.md'), '# Small\n\n## Detect\n\n- look\n');
    // Mostly prose (cheap to parse, so the test stays quick), a step in every 50th section.
    const section = (index: number) =>
      index % 50 === 0
        ? `## Incident ${index}\n\n- check alert ${index}\n\n`
        : `## Note ${index}\n\nWhat was seen during incident ${index}, kept for the record.\n\n`;
    const parts: string[] = ['# Big\n\n'];
    let size = 0;
    for (let index = 0; size < 15 * 1024 * 1024; index++) {
      parts.push(section(index));
      size += parts.at(-1)!.length;
    }
    const text = parts.join('');
    await writeFile(path.join(folder, 'b-big.md'), text);
    const sectionsInFirstMiB = text.slice(0, 1024 * 1024).split('## Incident ').length - 1;

    const store = createCockpitStore({databaseLabel: 'test'});
    ui = await renderUi({columns: 120, rows: 40, store});
    const bigSlices: ParseProgress[] = [];
    let parsingBig!: () => void;
    const bigStarted = new Promise<void>((resolve) => {
      parsingBig = resolve;
    });
    const loading = loadRunbooksInBackground(store, folder, {
      delayMs: 0,
      onProgress: (progress) => {
        if (!progress.file.endsWith('b-big.md')) return;
        bigSlices.push(progress);
        if (progress.piece === 1) parsingBig();
      },
    });

    await bigStarted;
    await ui.press('?');
    await ui.waitForFrame('Keys — press ? or Esc to close');
    // The key's frame was drawn in the middle of the big file's parse, not after it.
    const slicesBeforeFrame = bigSlices.length;
    expect(store.getState().runbook.library).toEqual([]);
    expect(slicesBeforeFrame).toBeLessThan(bigSlices[0]!.pieces);

    await loading;
    expect(bigSlices.length).toBeGreaterThan(slicesBeforeFrame);
    const library = store.getState().runbook.library;
    expect(library.map((runbook) => runbook.title)).toEqual(['Small', 'Big']);
    const big = library[1]!;
    expect(big.warnings.map((warning) => warning.message)).toContain(
      `the file is ${(size / 1024 / 1024).toFixed(1)} MiB; only its first 1 MiB was read`,
    );
    // Only the first MiB was parsed: its incidents (the last one may be cut), not the 15 MB's.
    expect(big.incidents.length).toBeGreaterThanOrEqual(sectionsInFirstMiB - 1);
    expect(big.incidents.length).toBeLessThanOrEqual(sectionsInFirstMiB);
  }, 120_000);
});

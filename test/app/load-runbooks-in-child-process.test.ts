import {fork} from 'node:child_process';
import {rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {constants, PerformanceObserver} from 'node:perf_hooks';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {afterAll, describe, expect, it} from 'vitest';
import {bundleOptions} from '../../scripts/bundle-options.mjs';
import type {loadRunbooksInBackground as LoadInBackground} from '../../source/app/load-runbooks';
import {defaultSchemaNames} from '../../source/runbooks/default-schema-names';
import {loadRunbookSources} from '../../source/runbooks/runbook-sources';
import {createCockpitStore} from '../../source/store/cockpit-store';

const root = process.cwd();
const outDir = path.join(root, 'dist/test-runbook-loader', String(process.pid));
afterAll(() => rmSync(outDir, {recursive: true, force: true}));

/** The loader and the loading process's script bundled side by side, as scripts/build.mjs lays them out. */
async function bundledLoader(into = outDir): Promise<typeof LoadInBackground> {
  await build({
    ...bundleOptions,
    entryPoints: {
      'load-runbooks': 'source/app/load-runbooks.ts',
      'runbook-load-process': 'source/runbooks/runbook-load-process.ts',
    },
    outdir: into,
    splitting: true,
  });
  const loader = await import(pathToFileURL(path.join(into, 'load-runbooks.js')).href);
  return loader.loadRunbooksInBackground;
}

/** Scavenges and full collections of this thread's heap while `work` runs. */
async function collectionsDuring(work: () => Promise<unknown>): Promise<number> {
  let collections = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as {detail?: {kind?: number}}).detail?.kind;
      if (
        kind === constants.NODE_PERFORMANCE_GC_MINOR ||
        kind === constants.NODE_PERFORMANCE_GC_MAJOR
      )
        collections += 1;
    }
  });
  observer.observe({entryTypes: ['gc']});
  await work();
  // Entries are delivered after the event loop turns.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return collections;
}

describe('the runbook library parsed in a child process', () => {
  it('gives the library parsed here, without the parse collecting garbage on this thread', async () => {
    const sources = {
      builtin: false,
      paths: [{path: path.join(root, 'runbooks'), origin: 'library'}],
    };
    const names = defaultSchemaNames();
    let expected: Awaited<ReturnType<typeof loadRunbookSources>> = [];
    // Three loads each way, so that the counts are far apart.
    const here = await collectionsDuring(async () => {
      for (let load = 0; load < 3; load++) expected = await loadRunbookSources(sources, names);
    });

    const loadInBackground = await bundledLoader();
    const store = createCockpitStore({databaseLabel: 'test'});
    const progress: string[] = [];
    const inProcess = await collectionsDuring(async () => {
      for (let load = 0; load < 3; load++)
        await loadInBackground(store, sources, names, undefined, {
          delayMs: 0,
          onProgress: (report) => progress.push(report.file),
        });
    });

    expect(store.getState().ui.message).toBeUndefined();
    expect(store.getState().runbook.library).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
    // Every file reported its slices across the process boundary.
    expect(new Set(progress).size).toBe(expected.length);
    // Parsing here takes many collections; the loading process's garbage is its own.
    expect(here).toBeGreaterThanOrEqual(5);
    expect(inProcess).toBeLessThanOrEqual(1);
  });

  it('ends when its channel to the cockpit closes, and answers nothing when started without its argument', async () => {
    await bundledLoader();
    const script = path.join(outDir, 'runbook-load-process.js');
    const ended = (child: ReturnType<typeof fork>) =>
      new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // A cockpit that quit before asking: the loader does not wait for a request that never comes.
    const orphan = fork(script, ['--load-runbooks'], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    const orphanEnded = ended(orphan);
    orphan.disconnect();
    expect(await orphanEnded).toBe(0);
    // Without the argument the module only loads: it answers nothing and ends by itself.
    const bystander = fork(script, [], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      serialization: 'advanced',
    });
    const answers: unknown[] = [];
    bystander.on('message', (message) => answers.push(message));
    const bystanderEnded = ended(bystander);
    bystander.send({sources: {builtin: false, paths: []}, names: defaultSchemaNames()});
    expect(await bystanderEnded).toBe(0);
    expect(answers).toEqual([]);
  });

  it('parses the library here when the loading process dies before it answers', async () => {
    const into = path.join(outDir, 'dying');
    const loadInBackground = await bundledLoader(into);
    // As the OOM killer or a process limit would leave it: a loader that never answers.
    writeFileSync(path.join(into, 'runbook-load-process.js'), 'process.exit(3);\n');
    const store = createCockpitStore({databaseLabel: 'test'});
    const sources = {
      builtin: false,
      paths: [{path: path.join(root, 'runbooks'), origin: 'library'}],
    };
    await loadInBackground(store, sources, defaultSchemaNames(), undefined, {delayMs: 0});
    expect(store.getState().ui.message).toBeUndefined();
    expect(store.getState().runbook.library).toEqual(
      await loadRunbookSources(sources, defaultSchemaNames()),
    );
  });

  it('says in the footer why the library did not load', async () => {
    const loadInBackground = await bundledLoader();
    const store = createCockpitStore({databaseLabel: 'test'});
    // A source that cannot be sent to the loading process: the failure is reported, not thrown.
    await loadInBackground(
      store,
      {builtin: false, paths: [{path: path.join(root, 'runbooks'), origin: 'library'}]},
      {...defaultSchemaNames(), tables: {toString: () => 'x'} as unknown as Record<string, string>},
      undefined,
      {delayMs: 0},
    );
    expect(store.getState().ui.message).toMatch(/^runbooks not loaded: /);
    expect(store.getState().runbook.library).toEqual([]);
  });
});

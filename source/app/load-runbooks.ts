import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import type {ParseProgress} from '../runbooks/parse-runbook';
import type {RunbookLoadMessage, RunbookLoadRequest} from '../runbooks/runbook-load-worker';
import type {Runbook} from '../runbooks/runbook-model';
import type {RunbookSources} from '../runbooks/runbook-source-paths';
import type {SchemaNames} from '../runbooks/schema-names';
import type {CockpitStore} from '../store/cockpit-store';

/** When loading starts (default a second in) and what it reports after each slice of parsing. */
export type BackgroundLoadOptions = {
  delayMs?: number;
  onProgress?: (progress: ParseProgress) => void;
};

/**
 * Loads the runbook library a second after start (a timer, so start-up never waits on it); a
 * failure leaves the library empty and says so in the footer. Files are read up to 1 MiB and
 * parsed in a worker thread (unbundled, as under the tests, here in slices), so keys and frames
 * go on meanwhile. PostgreSQL's parser (a WebAssembly
 * module of ~130 MB) is not loaded with it: only once a runbook is opened, since only runbook
 * SQL is classified before it runs.
 */
export function loadRunbooksInBackground(
  store: CockpitStore,
  sources: RunbookSources = {builtin: true, paths: []},
  names?: SchemaNames,
  extraTriggers?: Readonly<Record<string, readonly string[]>>,
  options: BackgroundLoadOptions = {},
): Promise<void> {
  loadSqlParserOnFirstRunbook(store);
  return (
    // A second in: after the first frame and the first probe data, which parsing would delay.
    new Promise<void>((resolve) => setTimeout(resolve, options.delayMs ?? 1000))
      .then(async () => {
        const {defaultSchemaNames} = await import('../runbooks/default-schema-names');
        const request = {sources, names: names ?? defaultSchemaNames(), extraTriggers};
        return (
          (await loadInWorker(request, options.onProgress)) ?? loadHere(request, options.onProgress)
        );
      })
      .then((library) => store.getState().setRunbookLibrary(library))
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        store.getState().updateUi({message: `runbooks not loaded: ${reason}`});
      })
  );
}

/** The worker's script beside the bundle's chunks; absent when the source runs unbundled (tests). */
function workerScript(): URL | undefined {
  const script = new URL('./runbook-load-worker.js', import.meta.url);
  return script.protocol === 'file:' && existsSync(fileURLToPath(script)) ? script : undefined;
}

/** The library parsed in a worker thread; undefined when there is no worker script. */
function loadInWorker(
  request: RunbookLoadRequest,
  onProgress: ((progress: ParseProgress) => void) | undefined,
): Promise<Runbook[]> | undefined {
  const script = workerScript();
  if (!script) return undefined;
  return new Promise<Runbook[]>((resolve, reject) => {
    const worker = new Worker(script, {
      workerData: {...request, reportProgress: onProgress !== undefined},
    });
    // Quitting the cockpit never waits for a parse.
    worker.unref();
    worker.on('message', (message: RunbookLoadMessage) => {
      if (message.kind === 'progress') onProgress?.(message.progress);
      else if (message.kind === 'library') resolve(message.library);
      else reject(new Error(message.reason));
    });
    worker.on('error', reject);
    // Also after the library: a settled promise stays as it is.
    worker.on('exit', (code) =>
      reject(new Error(`the runbook loader stopped (exit code ${code})`)),
    );
  });
}

/** The library parsed on this thread, in slices (the Markdown parser loads on demand). */
async function loadHere(
  request: RunbookLoadRequest,
  onProgress: ((progress: ParseProgress) => void) | undefined,
): Promise<Runbook[]> {
  const {loadRunbookSources} = await import('../runbooks/runbook-sources');
  return loadRunbookSources(request.sources, request.names, request.extraTriggers, {onProgress});
}

/** Starts loading the SQL parser the first time a runbook is open, in the background. */
function loadSqlParserOnFirstRunbook(store: CockpitStore): void {
  const startIfOpen = () => {
    if (store.getState().runbook.openRunbookId === undefined) return false;
    unsubscribe();
    void loadSqlParserInBackground(store);
    return true;
  };
  const unsubscribe = store.subscribe(() => {
    startIfOpen();
  });
  startIfOpen();
}

/** Loads the SQL parser; a failure is one line in the footer (SQL steps then refuse to run). */
export async function loadSqlParserInBackground(store: CockpitStore): Promise<void> {
  try {
    const {loadSqlParser} = await import('../runbooks/sql-parser');
    await loadSqlParser();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    store.getState().updateUi({message: `SQL parser not loaded: ${reason}`});
  }
}

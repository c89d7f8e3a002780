import {fork} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {ParseProgress} from '../runbooks/parse-runbook';
import {
  type RunbookLoadMessage,
  type RunbookLoadRequest,
  runbookLoaderArgument,
} from '../runbooks/runbook-load-protocol';
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
 * parsed in a child process (unbundled, as under the tests, here in slices), so keys and frames
 * go on meanwhile and the parse's memory is not the cockpit's. PostgreSQL's parser (WebAssembly:
 * 12 MB resident once loaded, 22 MB after its first statement) is not loaded with it: only
 * once a runbook is opened, since only runbook SQL is classified before it runs.
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
        // A loader that cannot start or dies before it answers (a process limit, the OOM
        // killer) costs the memory it would have spared, not the library.
        const inProcess = loadInProcess(request, options.onProgress)?.catch((error: unknown) => {
          if (error instanceof LoaderStoppedError) return undefined;
          throw error;
        });
        return (await inProcess) ?? loadHere(request, options.onProgress);
      })
      .then((library) => store.getState().setRunbookLibrary(library))
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        store.getState().updateUi({message: `runbooks not loaded: ${reason}`});
      })
  );
}

/** The loader's script beside the bundle's chunks; absent when the source runs unbundled (tests). */
function loaderScript(): string | undefined {
  const script = new URL('./runbook-load-process.js', import.meta.url);
  if (script.protocol !== 'file:') return undefined;
  const file = fileURLToPath(script);
  return existsSync(file) ? file : undefined;
}

/** The loader process could not start, or ended before it answered. */
class LoaderStoppedError extends Error {}

/** The library parsed in a child process; undefined when there is no loader script. */
function loadInProcess(
  request: RunbookLoadRequest,
  onProgress: ((progress: ParseProgress) => void) | undefined,
): Promise<Runbook[]> | undefined {
  const script = loaderScript();
  if (!script) return undefined;
  return new Promise<Runbook[]>((resolve, reject) => {
    const loader = fork(script, [runbookLoaderArgument], {
      // Only the channel: the process never writes to the cockpit's screen.
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      serialization: 'advanced',
      // Not the cockpit's V8 flags, which are for a long-running screen.
      execArgv: [],
    });
    // Quitting the cockpit never waits for a parse; the loader ends when the channel does.
    loader.unref();
    loader.channel?.unref();
    loader.on('message', (message: RunbookLoadMessage) => {
      if (message.kind === 'progress') onProgress?.(message.progress);
      else if (message.kind === 'library') resolve(message.library);
      else reject(new Error(message.reason));
    });
    loader.on('error', (error) => reject(new LoaderStoppedError(error.message)));
    // Also after the library: a settled promise stays as it is.
    loader.on('exit', (code, signal) =>
      reject(
        new LoaderStoppedError(`the runbook loader stopped (${signal ?? `exit code ${code}`})`),
      ),
    );
    try {
      loader.send({...request, reportProgress: onProgress !== undefined});
    } catch (error) {
      // A request that cannot be sent is not the loader's failure: parsing here would not help.
      loader.kill();
      reject(error);
    }
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

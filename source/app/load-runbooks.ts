import type {ParseProgress} from '../runbooks/parse-runbook';
import type {CockpitStore} from '../store/cockpit-store';

/** When loading starts (default a second in) and what it reports after each slice of parsing. */
export type BackgroundLoadOptions = {
  delayMs?: number;
  onProgress?: (progress: ParseProgress) => void;
};

/**
 * Loads the runbook library a second after start (a timer, so start-up never waits on it); a
 * failure leaves the library empty and says so in the footer. Files are read up to 1 MiB and
 * parsed in slices, so keys and frames go on meanwhile. PostgreSQL's parser (a WebAssembly
 * module of ~130 MB) is not loaded with it: only once a runbook is opened, since only runbook
 * SQL is classified before it runs.
 */
export function loadRunbooksInBackground(
  store: CockpitStore,
  folder?: string,
  options: BackgroundLoadOptions = {},
): Promise<void> {
  loadSqlParserOnFirstRunbook(store);
  return (
    // A second in: after the first frame and the first probe data, which parsing would delay.
    new Promise<void>((resolve) => setTimeout(resolve, options.delayMs ?? 1000))
      // Loaded on demand: the Markdown parser is not needed for the first frame.
      .then(async () => {
        const {loadRunbookLibrary} = await import('../runbooks/runbook-library');
        return loadRunbookLibrary(folder, {onProgress: options.onProgress});
      })
      .then((library) => store.getState().setRunbookLibrary(library))
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        store.getState().updateUi({message: `runbooks not loaded: ${reason}`});
      })
  );
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

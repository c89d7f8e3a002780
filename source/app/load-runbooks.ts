import type {ParseProgress} from '../runbooks/parse-runbook';
import type {CockpitStore} from '../store/cockpit-store';

/** When loading starts (default a second in) and what it reports after each slice of parsing. */
export type BackgroundLoadOptions = {
  delayMs?: number;
  onProgress?: (progress: ParseProgress) => void;
};

/**
 * Loads the runbook library and PostgreSQL's parser a second after start (a timer, so
 * start-up never waits on them); a failure leaves the library empty and says so in the footer.
 * Files are read up to 1 MiB and parsed in slices, so keys and frames go on meanwhile.
 */
export function loadRunbooksInBackground(
  store: CockpitStore,
  folder?: string,
  options: BackgroundLoadOptions = {},
): Promise<void> {
  return (
    // A second in: after the first frame and the first probe data, which parsing would delay.
    new Promise<void>((resolve) => setTimeout(resolve, options.delayMs ?? 1000))
      // Loaded on demand: the Markdown parser is not needed for the first frame.
      .then(async () => {
        const [{loadRunbookLibrary}, {loadSqlParser}] = await Promise.all([
          import('../runbooks/runbook-library'),
          import('../runbooks/sql-parser'),
        ]);
        return Promise.all([
          loadRunbookLibrary(folder, {onProgress: options.onProgress}),
          loadSqlParser(),
        ]);
      })
      .then(([library]) => store.getState().setRunbookLibrary(library))
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        store.getState().updateUi({message: `runbooks not loaded: ${reason}`});
      })
  );
}

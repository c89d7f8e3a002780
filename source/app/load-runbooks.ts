import type {RunbookSources} from '../runbooks/runbook-source-paths';
import type {SchemaNames} from '../runbooks/schema-names';
import type {CockpitStore} from '../store/cockpit-store';

/**
 * Loads the runbook library and PostgreSQL's parser a second after start (a timer, so
 * start-up never waits on them); a failure leaves the library empty and says so in the footer.
 */
export function loadRunbooksInBackground(
  store: CockpitStore,
  sources: RunbookSources = {builtin: true, paths: []},
  names?: SchemaNames,
  extraTriggers?: Readonly<Record<string, readonly string[]>>,
): Promise<void> {
  return (
    // A second in: after the first frame and the first probe data, which parsing would delay.
    new Promise<void>((resolve) => setTimeout(resolve, 1000))
      // Loaded on demand: the Markdown parser is not needed for the first frame.
      .then(async () => {
        const [{loadRunbookSources}, {defaultSchemaNames}, {loadSqlParser}] = await Promise.all([
          import('../runbooks/runbook-sources'),
          import('../runbooks/default-schema-names'),
          import('../runbooks/sql-parser'),
        ]);
        return Promise.all([
          loadRunbookSources(sources, names ?? defaultSchemaNames(), extraTriggers),
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

import {loadRunbookLibrary} from '../runbooks/runbook-library';
import {loadSqlParser} from '../runbooks/sql-parser';
import type {CockpitStore} from '../store/cockpit-store';

/**
 * Loads the runbook library and PostgreSQL's parser once the first frame is out (a timer, so
 * start-up never waits on them); a failure leaves the library empty and says so in the footer.
 */
export function loadRunbooksInBackground(store: CockpitStore, folder?: string): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, 50))
    .then(() => Promise.all([loadRunbookLibrary(folder), loadSqlParser()]))
    .then(([library]) => store.getState().setRunbookLibrary(library))
    .catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      store.getState().updateUi({message: `runbooks not loaded: ${reason}`});
    });
}

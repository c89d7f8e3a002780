import {type FSWatcher, watch} from 'node:fs';
import type {IncidentJournal} from './incident-journal';

/**
 * Picks up events other processes append (`cockpit note` from another shell): `fs.watch` reacts
 * at once where the platform supports it, and a poll every `pollMs` covers the file systems and
 * editors where it stays silent (NFS, some containers). Returns the function that stops watching.
 */
export function watchJournal(
  journal: IncidentJournal,
  options: {pollMs?: number; onError?: (error: unknown) => void} = {},
): () => void {
  const {pollMs = 500, onError = () => undefined} = options;
  let running = false;
  let again = false;
  const refresh = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    journal
      .refresh()
      .catch(onError)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(journal.path, {persistent: false}, refresh);
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = undefined;
  }
  const timer = setInterval(refresh, pollMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    watcher?.close();
  };
}

// What the cockpit and its runbook-loading process say to each other. A module of its own, so
// that the cockpit's launch imports neither the loader nor the Markdown parser behind it.
import type {ParseProgress} from './parse-runbook';
import type {Runbook} from './runbook-model';
import type {RunbookSources} from './runbook-source-paths';
import type {SchemaNames} from './schema-names';

/** The argument the loader is started with: without it, loading its module does nothing. */
export const runbookLoaderArgument = '--load-runbooks';

/** What the process is asked to load, in the first message it receives. */
export type RunbookLoadRequest = {
  sources: RunbookSources;
  names: SchemaNames;
  extraTriggers?: Readonly<Record<string, readonly string[]>>;
  /** Whether anyone listens for progress; the cockpit itself does not. */
  reportProgress?: boolean;
};

/** What it answers: progress after each slice, then the library or why there is none. */
export type RunbookLoadMessage =
  | {kind: 'progress'; progress: ParseProgress}
  | {kind: 'library'; library: Runbook[]}
  | {kind: 'failed'; reason: string};

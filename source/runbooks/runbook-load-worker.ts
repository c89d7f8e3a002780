// The runbook library parsed in a worker thread. Parsing allocates about 50 MB for the built-in
// library alone; in the cockpit's own heap, beside a frame and a probe read every second, up to
// half of that outlived two scavenges and was promoted, and V8 kept the old generation at its
// high-water mark for the rest of the run (RSS 96-137 MB on a quiet database, against 93-102).
// A worker's heap is given back whole, about 8 s after it ends.
import {parentPort, workerData} from 'node:worker_threads';
import type {ParseProgress} from './parse-runbook';
import type {Runbook} from './runbook-model';
import type {RunbookSources} from './runbook-source-paths';
import {loadRunbookSources} from './runbook-sources';
import type {SchemaNames} from './schema-names';

/** What the worker is asked to load. */
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

if (parentPort) {
  const port = parentPort;
  const request = workerData as RunbookLoadRequest;
  const send = (message: RunbookLoadMessage) => port.postMessage(message);
  try {
    const library = await loadRunbookSources(
      request.sources,
      request.names,
      request.extraTriggers,
      {
        onProgress: request.reportProgress
          ? (progress) => send({kind: 'progress', progress})
          : undefined,
      },
    );
    send({kind: 'library', library});
  } catch (error) {
    send({kind: 'failed', reason: error instanceof Error ? error.message : String(error)});
  }
}

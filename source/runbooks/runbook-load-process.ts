// The runbook library parsed in a child process. Parsing allocates about 50 MB for the built-in
// library alone; in the cockpit's own heap, beside a frame and a probe read every second, up to
// half of that outlived two scavenges and was promoted, and V8 kept the old generation at its
// high-water mark for the rest of the run (RSS 96-137 MB on a quiet database, against 93-102).
// A process, not a worker thread: V8 keeps an ended worker's heap pages for 8 s in case another
// isolate wants them (a fixed delay in its page pool), so a worker's 20-35 MB stayed in the
// cockpit's RSS until 9 to 10 s after launch; a process's memory is the system's again when it
// exits.
import {
  type RunbookLoadMessage,
  type RunbookLoadRequest,
  runbookLoaderArgument,
} from './runbook-load-protocol';
import {loadRunbookSources} from './runbook-sources';

if (process.send && process.argv.includes(runbookLoaderArgument)) {
  // The cockpit gone (quit, crashed), there is no one to load for.
  process.on('disconnect', () => process.exit(0));
  process.once('message', (request: RunbookLoadRequest) => {
    void answer(request);
  });
}

function send(message: RunbookLoadMessage, written?: () => void): void {
  process.send?.(message, undefined, {}, written);
}

async function answer(request: RunbookLoadRequest): Promise<void> {
  let last: RunbookLoadMessage;
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
    last = {kind: 'library', library};
  } catch (error) {
    last = {kind: 'failed', reason: error instanceof Error ? error.message : String(error)};
  }
  // Once the answer is written, nothing is left to do.
  send(last, () => process.disconnect());
}

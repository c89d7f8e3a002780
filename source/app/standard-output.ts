/**
 * Standard output and error as a command's result: everything written must reach the reader
 * before the process exits. `process.exit` right after a large `write` to a pipe cuts the output
 * at the pipe's buffer (64 KiB on Linux) with exit code 0, because Node queues what the pipe did
 * not take at once and exiting drops the queue.
 */
export type OutputGuard = {
  /** Resolves once everything written so far has reached the streams; false when it could not. */
  flush: () => Promise<boolean>;
};

type Stream = NodeJS.WriteStream | NodeJS.WritableStream;

/**
 * Watches `streams` for write errors: a reader that went away (`EPIPE`, as with `| head`) must not
 * become a stack trace, only a non-zero exit code once the command ends.
 */
export function guardOutput(
  streams: readonly Stream[] = [process.stdout, process.stderr],
): OutputGuard {
  const failed = new Set<Stream>();
  for (const stream of streams) {
    stream.on('error', () => {
      // Any write error means the output is incomplete; the exit code says so, quietly.
      failed.add(stream);
    });
  }
  return {
    flush: async () => {
      const results = await Promise.all(streams.map((stream) => drained(stream, failed)));
      return results.every(Boolean);
    },
  };
}

function drained(stream: Stream, failed: ReadonlySet<Stream>): Promise<boolean> {
  const writable = stream as NodeJS.WriteStream;
  if (failed.has(stream) || writable.destroyed || writable.writableEnded)
    return Promise.resolve(!failed.has(stream));
  return new Promise((resolve) => {
    // An empty write's callback runs after every chunk queued before it has been handed over.
    writable.write('', (error) => resolve(!error && !failed.has(stream)));
  });
}

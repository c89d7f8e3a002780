import {UsageError} from '../errors';

type Streams = {input: {isTTY?: boolean}; output: {isTTY?: boolean}};

/**
 * The full-screen cockpit reads keys from a terminal and draws on one. Started without one
 * (`ssh host cockpit` without -t, a pipe, cron) it must say so before it opens a journal,
 * starts a server or connects, not fail inside the renderer.
 */
export function requireTerminal(
  streams: Streams = {input: process.stdin, output: process.stdout},
): void {
  if (streams.input.isTTY && streams.output.isTTY) return;
  const which = streams.input.isTTY ? 'standard output' : 'standard input';
  throw new UsageError(
    `the cockpit needs a terminal, and its ${which} is not one`,
    'over SSH, use ssh -t; for one reading without a screen, run cockpit probe',
  );
}

import {spawn} from 'node:child_process';
import {redactSecrets} from '../text/redact-secrets';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';

/** How a shell step ended, with its bounded, sanitised output. */
export type ShellOutcome = {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Bytes of output dropped beyond the limit. */
  omittedBytes: number;
};

/** Limits of a shell step. */
export type ShellOptions = {
  timeoutMs?: number;
  maxOutputBytes?: number;
  environment?: Record<string, string>;
  /** Secret values to remove from the output (configured passwords, keys). */
  secrets?: readonly string[];
};

/**
 * Runs a command with `/bin/sh -c` in its own process group, so a timeout ends it and every
 * child it started. Output beyond the limit is dropped (and counted); what is kept is
 * sanitised and stripped of secrets. Never rejects: a spawn failure is an outcome too.
 */
export function runShellCommand(
  command: string,
  options: ShellOptions = {},
): Promise<ShellOutcome> {
  const {timeoutMs = 30_000, maxOutputBytes = 64 * 1024} = options;
  return new Promise((resolve) => {
    const chunks = {stdout: [] as Buffer[], stderr: [] as Buffer[]};
    let kept = 0;
    let omittedBytes = 0;
    let timedOut = false;
    const child = spawn('/bin/sh', ['-c', command], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {...process.env, ...options.environment},
    });
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const room = Math.max(0, maxOutputBytes - kept);
      if (room > 0) chunks[stream].push(chunk.subarray(0, room));
      kept += Math.min(room, chunk.length);
      omittedBytes += Math.max(0, chunk.length - room);
    };
    child.stdout.on('data', collect('stdout'));
    child.stderr.on('data', collect('stderr'));
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    let forceKill: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      forceKill = setTimeout(() => killGroup('SIGKILL'), 2000);
    }, timeoutMs);
    const text = (buffers: Buffer[]) =>
      sanitizeTerminalText(
        redactSecrets(Buffer.concat(buffers).toString('utf8'), options.secrets),
        {
          multiline: true,
          maxLength: maxOutputBytes,
        },
      );
    const finish = (exitCode: number | null, signal: string | null, error?: Error) => {
      clearTimeout(timer);
      clearTimeout(forceKill);
      resolve({
        exitCode,
        signal,
        timedOut,
        stdout: text(chunks.stdout),
        stderr: error ? sanitizeTerminalText(error.message) : text(chunks.stderr),
        omittedBytes,
      });
    };
    child.on('error', (error) => finish(null, null, error));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

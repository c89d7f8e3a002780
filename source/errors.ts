import {sanitizeTerminalText} from './text/sanitize-terminal-text';

/**
 * An expected failure: shown as one line with what to do next, never as a stack trace.
 * `exitCode` 2 is a usage or configuration error, 1 a runtime failure.
 */
export class CockpitError extends Error {
  readonly exitCode: 1 | 2;
  readonly hint: string | undefined;

  constructor(message: string, options: {hint?: string; exitCode?: 1 | 2; cause?: unknown} = {}) {
    super(message, {cause: options.cause});
    this.name = 'CockpitError';
    this.exitCode = options.exitCode ?? 1;
    this.hint = options.hint;
  }
}

/** A bad flag, argument or configuration value (exit code 2). */
export class UsageError extends CockpitError {
  constructor(message: string, hint?: string) {
    super(message, {hint, exitCode: 2});
    this.name = 'UsageError';
  }
}

/** The one-line text of an expected error, with its hint. */
export function describeError(error: unknown): string {
  // Messages can quote a config key, a flag value or a file name: none may drive the terminal.
  if (error instanceof CockpitError) {
    return sanitizeTerminalText(error.hint ? `${error.message} — ${error.hint}` : error.message);
  }
  return sanitizeTerminalText(error instanceof Error ? error.message : String(error));
}

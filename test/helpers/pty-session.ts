import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import xterm from '@xterm/headless';
import * as pty from 'node-pty';

/** The repository root, found from this file whether it runs from test/ or from a bench bundle. */
function repositoryRoot(): string {
  let directory = import.meta.dirname;
  while (path.dirname(directory) !== directory) {
    const manifest = path.join(directory, 'package.json');
    if (
      existsSync(manifest) &&
      JSON.parse(readFileSync(manifest, 'utf8')).name === 'incident-cockpit'
    )
      return directory;
    directory = path.dirname(directory);
  }
  throw new Error('not inside the incident-cockpit repository');
}

const root = repositoryRoot();
/** The built binary the benchmarks run; tests bundle their own with `buildCli()`. */
export const builtCliPath = path.join(root, 'dist/cli.js');

/** The built cockpit running in a real pseudo-terminal, with a parsed screen. */
export type PtySession = {
  /** Everything the program wrote, raw bytes as text. */
  output: () => string;
  /** The visible screen as lines of text. */
  screen: () => string[];
  waitForScreen: (
    predicate: string | ((screen: string) => boolean),
    timeoutMs?: number,
  ) => Promise<string>;
  write: (data: string) => void;
  kill: (signal: NodeJS.Signals) => void;
  exited: Promise<{exitCode: number; signal?: number}>;
};

/**
 * Starts the cockpit (`cli`, default `dist/cli.js`) with `args` in a pty of the given size;
 * `nodeArguments` go to node before it (`--import` of a test fixture). `asProgram` runs the file
 * itself, as the installed `cockpit` is run (its shebang starts node). `CI` is removed: Ink
 * draws nothing under CI.
 */
export function startInPty(
  args: string[],
  options: {
    columns?: number;
    rows?: number;
    env?: NodeJS.ProcessEnv;
    cli?: string;
    nodeArguments?: string[];
    asProgram?: boolean;
  } = {},
): PtySession {
  const cliPath = options.cli ?? builtCliPath;
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run npm run build first`);
  const {columns = 100, rows = 30} = options;
  const env: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color', ...options.env};
  delete env.CI;
  const terminal = new xterm.Terminal({
    cols: columns,
    rows,
    allowProposedApi: true,
    convertEol: true,
  });
  let raw = '';
  const [command, commandArgs] = options.asProgram
    ? [cliPath, args]
    : [process.execPath, [...(options.nodeArguments ?? []), cliPath, ...args]];
  const child = pty.spawn(command, commandArgs, {
    name: 'xterm-256color',
    cols: columns,
    rows,
    cwd: root,
    env: env as Record<string, string>,
  });
  child.onData((data) => {
    raw += data;
    terminal.write(data);
  });
  const exited = new Promise<{exitCode: number; signal?: number}>((resolve) =>
    child.onExit(resolve),
  );
  const screen = () => {
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let index = 0; index < rows; index++)
      lines.push(buffer.getLine(buffer.viewportY + index)?.translateToString(true) ?? '');
    return lines;
  };
  return {
    output: () => raw,
    screen,
    waitForScreen: async (predicate, timeoutMs = 15_000) => {
      const test =
        typeof predicate === 'string' ? (text: string) => text.includes(predicate) : predicate;
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        // Let xterm finish parsing what has arrived before reading the screen.
        await new Promise<void>((resolve) => terminal.write('', resolve));
        const text = screen().join('\n');
        if (test(text)) return text;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`screen did not match within ${timeoutMs} ms:\n${screen().join('\n')}`);
    },
    write: (data) => child.write(data),
    kill: (signal) => child.kill(signal),
    exited,
  };
}

/** Escape sequences that show the terminal was handed back in a usable state. */
export const terminalSequences = {
  enterAlternateScreen: '\u001b[?1049h',
  leaveAlternateScreen: '\u001b[?1049l',
  showCursor: '\u001b[?25h',
  hideCursor: '\u001b[?25l',
};

/** True when, after the last time the program entered the alternate screen, it left it and showed the cursor. */
export function terminalRestored(output: string): boolean {
  const entered = output.lastIndexOf(terminalSequences.enterAlternateScreen);
  const left = output.lastIndexOf(terminalSequences.leaveAlternateScreen);
  const shown = output.lastIndexOf(terminalSequences.showCursor);
  const hidden = output.lastIndexOf(terminalSequences.hideCursor);
  return entered >= 0 && left > entered && shown > hidden;
}

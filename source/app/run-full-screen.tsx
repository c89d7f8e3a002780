import {render} from 'ink';
import type {ApplicationSettings} from '../config/application-settings';
import type {CockpitStore} from '../store/cockpit-store';
import {CellDiffStream} from '../terminal/cell-diff-stream';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import {App} from '../ui/App';
import {ApplicationSettingsProvider} from '../ui/application-settings-context';
import {type CockpitActions, CockpitActionsProvider} from '../ui/cockpit-actions';
import {KeyFramesProvider} from '../ui/key-frames';
import {CockpitStoreProvider} from '../ui/store-context';

/** What the full-screen UI needs from the program around it. */
export type FullScreenOptions = {
  store: CockpitStore;
  actions: Omit<CockpitActions, 'quit'>;
  /** The application panes' configuration (what their actions build SQL and URLs from). */
  application: ApplicationSettings;
  /** Hands over the quit function, for programs that must end the UI themselves (a refused viewer). */
  onQuit?: (quit: () => void) => void;
  /** Runs after the terminal is restored, before the process exits: close connections, stop servers. */
  shutdown: () => Promise<void>;
};

const exitSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Draws the cockpit on the alternate screen until the user quits or a signal arrives, and
 * restores the terminal on every exit path: q, Ctrl-C, SIGTERM, SIGHUP and an uncaught error.
 * Resolves with the process exit code.
 */
export async function runFullScreen(options: FullScreenOptions): Promise<number> {
  let exitCode = 0;
  let quitting: Promise<void> | undefined;
  let crash: unknown;
  const quit = () => {
    quitting ??= (async () => {
      instance.unmount();
      await instance.waitUntilExit().catch(() => undefined);
    })();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    // An SSH hang-up leaves no terminal to restore: stop drawing, then shut down cleanly.
    if (signal === 'SIGHUP') exitCode = 129;
    else if (signal === 'SIGTERM') exitCode = 143;
    quit();
  };
  const onCrash = (error: unknown) => {
    crash ??= error;
    exitCode = 1;
    quit();
  };
  for (const signal of exitSignals) process.on(signal, onSignal);
  process.on('uncaughtException', onCrash);
  // Node prints warnings (pg's SSL and deprecation notices) to stderr, across the frame: while
  // the cockpit owns the screen they go to the footer instead.
  const warningPrinters = process.listeners('warning');
  process.removeAllListeners('warning');
  const onWarning = (warning: Error) =>
    options.store
      .getState()
      .updateUi({message: `warning: ${sanitizeTerminalText(warning.message)}`});
  process.on('warning', onWarning);
  process.on('unhandledRejection', onCrash);
  // Writing to a terminal that hung up raises EIO/EPIPE: that is a hang-up, not a crash.
  const onStdoutError = () => onSignal('SIGHUP');
  process.stdout.on('error', onStdoutError);

  // After the key's handlers ran (and React committed), draw the pending frame now.
  const flushKeyFrame = () => void instance.waitUntilRenderFlush().catch(() => undefined);
  // Over SSH every byte counts: only the cells that changed go to a real terminal.
  const terminal = process.stdout.isTTY ? new CellDiffStream(process.stdout) : undefined;
  // Ink takes the keys raw only in an effect after its first frame is written. A key typed
  // before then is echoed by the terminal over that frame, and every incremental frame after
  // it draws out of place; raw from the start, such keys wait unread for the first handler.
  const rawKeys = process.stdin.isTTY === true;
  if (rawKeys) process.stdin.setRawMode(true);
  const instance = render(
    <CockpitStoreProvider store={options.store}>
      <CockpitActionsProvider actions={{...options.actions, quit}}>
        <ApplicationSettingsProvider settings={options.application}>
          <KeyFramesProvider flush={flushKeyFrame}>
            <App />
          </KeyFramesProvider>
        </ApplicationSettingsProvider>
      </CockpitActionsProvider>
    </CockpitStoreProvider>,
    {
      ...(terminal && {stdout: terminal as unknown as NodeJS.WriteStream}),
      alternateScreen: true,
      incrementalRendering: true,
      patchConsole: false,
      maxFps: 15,
      exitOnCtrlC: false,
      // A CI variable left in an operator's shell must not blank the screen of a real terminal.
      interactive: process.stdout.isTTY === true,
    },
  );
  options.onQuit?.(quit);
  try {
    await instance.waitUntilExit();
  } catch (error) {
    crash ??= error;
    exitCode = 1;
  }
  await quitting;
  if (rawKeys && process.stdin.isRaw) {
    try {
      process.stdin.setRawMode(false);
    } catch {
      // The terminal hung up: there is no mode left to restore.
    }
  }
  terminal?.detach();
  await options.shutdown().catch(() => undefined);
  for (const signal of exitSignals) process.removeListener(signal, onSignal);
  process.removeListener('uncaughtException', onCrash);
  process.removeListener('warning', onWarning);
  for (const printer of warningPrinters) process.on('warning', printer);
  process.removeListener('unhandledRejection', onCrash);
  process.stdout.removeListener('error', onStdoutError);
  if (crash) {
    // A bug: the terminal is restored by now, so the stack can be printed for the report.
    process.stderr.write(
      `incident-cockpit crashed: ${crash instanceof Error ? (crash.stack ?? crash.message) : String(crash)}\n`,
    );
  }
  return exitCode;
}

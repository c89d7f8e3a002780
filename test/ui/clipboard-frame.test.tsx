import {EventEmitter} from 'node:events';
import {PassThrough} from 'node:stream';
import {Terminal} from '@xterm/headless';
import {render} from 'ink';
import {afterEach, describe, expect, it} from 'vitest';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {App} from '../../source/ui/App';
import {osc52Sequence} from '../../source/ui/clipboard';
import {CockpitActionsProvider} from '../../source/ui/cockpit-actions';
import {CockpitStoreProvider} from '../../source/ui/store-context';
import {waitFor} from '../helpers/database';
import {inertActions} from '../helpers/render-ui';
import {connectionsSnapshot, locksSnapshot, recordFreshOutcome} from './panes/recorded-snapshots';

/** A terminal emulator standing in for the operator's: Ink writes to it as to a real tty. */
function fakeTerminal(columns: number, rows: number) {
  // Ink writes bare \n line ends, as a tty in cooked output mode turns into CR LF.
  const terminal = new Terminal({cols: columns, rows, allowProposedApi: true, convertEol: true});
  const clipboard: string[] = [];
  terminal.parser.registerOscHandler(52, (data) => {
    clipboard.push(Buffer.from(data.split(';')[1] ?? '', 'base64').toString('utf8'));
    return true;
  });
  let pending = Promise.resolve();
  const stdout = Object.assign(new EventEmitter(), {
    columns,
    rows,
    isTTY: true,
    write: (data: string) => {
      pending = pending.then(() => new Promise<void>((resolve) => terminal.write(data, resolve)));
      return true;
    },
  });
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: () => undefined,
    ref: () => undefined,
    unref: () => undefined,
  });
  const screen = async () => {
    await pending;
    const buffer = terminal.buffer.active;
    return Array.from(
      {length: rows},
      (_, row) => buffer.getLine(row)?.translateToString(true) ?? '',
    ).join('\n');
  };
  return {terminal, stdout, stdin, clipboard, screen};
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('copying a query with y in a real terminal emulator', () => {
  it('puts the query on the clipboard through OSC 52 and leaves the frame exactly as it was', async () => {
    const tty = fakeTerminal(120, 40);
    const store = createCockpitStore({databaseLabel: 'shop@db:5432/shop'});
    recordFreshOutcome(store, 'connections', connectionsSnapshot);
    recordFreshOutcome(store, 'locks', locksSnapshot);
    store.getState().updateUi({paused: true});
    const actions = inertActions({
      // As start-cockpit does: straight to the terminal, between Ink's frames.
      copyToClipboard: (text: string) => void tty.stdout.write(osc52Sequence(text, {}).sequence),
    });
    const instance = render(
      <CockpitStoreProvider store={store}>
        <CockpitActionsProvider actions={actions}>
          <App />
        </CockpitActionsProvider>
      </CockpitStoreProvider>,
      {
        stdout: tty.stdout as unknown as NodeJS.WriteStream,
        stdin: tty.stdin as unknown as NodeJS.ReadStream,
        patchConsole: false,
        exitOnCtrlC: false,
        incrementalRendering: true,
        // CI=true would make Ink draw nothing until exit; this is a terminal, so draw.
        interactive: true,
      },
    );
    unmount = () => instance.unmount();
    await waitFor(async () => (await tty.screen()).includes('4201'), {what: 'the first frame'});
    // Sorted by transaction age: the report (pid 4101) is the second row.
    tty.stdin.write('\u001b[B');
    const before = await waitFor(async () => {
      const screen = await tty.screen();
      return screen.includes('4101') ? screen : undefined;
    });
    tty.stdin.write('y');
    await waitFor(() => tty.clipboard.length === 1, {what: 'the OSC 52 write'});
    expect(tty.clipboard).toEqual(['SELECT pg_sleep(900) /* nightly report */']);
    const after = await waitFor(async () => {
      const screen = await tty.screen();
      return screen.includes('copied the query of pid 4101') ? screen : undefined;
    });
    // Only the footer changed: the message replaced the key hints. The store's clock may tick
    // between the two frames on a busy machine, so times and ages are compared as placeholders.
    const withoutTimes = (screen: string) =>
      screen
        .replace(/\b\d{2}:\d{2}:\d{2}\b/g, 'HH:MM:SS')
        .replace(/\b\d+(?:ms|s|m|h)\b/g, 'AGE')
        .split('\n');
    const beforeLines = withoutTimes(before!);
    const changed = withoutTimes(after!).flatMap((line, index) =>
      line === beforeLines[index] ? [] : [index],
    );
    expect(changed).toEqual([39]);
  });
});
